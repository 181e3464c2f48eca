import { pLimitToCapacityLimiter } from '../../src/transforms/p-limit-to-capacity-limiter.js';
import { describeFixtures } from '../helpers/fixture-suite.js';

describeFixtures(pLimitToCapacityLimiter);
