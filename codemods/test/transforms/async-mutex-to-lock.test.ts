import { asyncMutexToLock } from '../../src/transforms/async-mutex-to-lock.js';
import { describeFixtures } from '../helpers/fixture-suite.js';

describeFixtures(asyncMutexToLock);
