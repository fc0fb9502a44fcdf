/**
 * The registry of checks, in the order their findings are produced. A new check is one file in
 * this folder and one entry here.
 */

import type { Check } from '../check';
import { crossChecks } from './cross';
import { doseChecks } from './doses';
import { eligibilityChecks } from './eligibility';
import { labLimitChecks } from './lab-limits';
import { nameChecks } from './names';
import { registryChecks } from './registry';
import { scheduleChecks } from './schedules';

export const CHECKS: readonly Check[] = [nameChecks, doseChecks, scheduleChecks, eligibilityChecks, labLimitChecks, registryChecks, crossChecks];
