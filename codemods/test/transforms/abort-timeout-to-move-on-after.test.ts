import { abortTimeoutToMoveOnAfter } from '../../src/transforms/abort-timeout-to-move-on-after.js';
import { describeFixtures } from '../helpers/fixture-suite.js';

describeFixtures(abortTimeoutToMoveOnAfter);
