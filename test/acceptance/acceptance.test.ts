/** The acceptance cases, first half (the other half is acceptance-2.test.ts: vitest runs the two files in parallel). */
import { acceptanceSuite } from './suite.js';

acceptanceSuite(1, 2);
