import rule from '../../src/rules/prefer-checkpoint.js';
import { createRuleTester } from '../rule-tester.js';

createRuleTester().run('prefer-checkpoint', rule, {
  valid: [
    "import { sleep } from '@corral/runtime';\nawait sleep(10);",
    "import { sleep } from '@corral/runtime';\nconst ms = 0;\nawait sleep(ms);",
    // A `sleep` that is not Corral's is left alone.
    'async function sleep(ms: number) {}\nawait sleep(0);',
    "import { sleep } from './sleep.js';\nawait sleep(0);",
  ],
  invalid: [
    {
      code: "import { sleep } from '@corral/runtime';\nawait sleep(0);",
      output: "import { sleep, checkpoint } from '@corral/runtime';\nawait checkpoint();",
      errors: [{ messageId: 'useCheckpoint', line: 2 }],
    },
    {
      code: "import { sleep as nap, checkpoint as yieldNow } from '@corral/runtime';\nawait nap(0);",
      output: "import { sleep as nap, checkpoint as yieldNow } from '@corral/runtime';\nawait yieldNow();",
      errors: [{ messageId: 'useCheckpoint', line: 2 }],
    },
    {
      code: "import * as corral from '@corral/runtime';\nawait corral.sleep(0);",
      output: "import * as corral from '@corral/runtime';\nawait corral.checkpoint();",
      errors: [{ messageId: 'useCheckpoint', line: 2 }],
    },
    {
      // A local `checkpoint` would be captured by the fix, so none is offered.
      code: "import { sleep } from '@corral/runtime';\nconst checkpoint = 1;\nawait sleep(0);",
      output: null,
      errors: [{ messageId: 'useCheckpoint', line: 3 }],
    },
  ],
});
