/** The acceptance cases, second half (see acceptance.test.ts). */
import { acceptanceSuite } from './suite.js';

acceptanceSuite(2, 2);
