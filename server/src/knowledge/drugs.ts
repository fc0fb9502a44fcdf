/**
 * Drugs: names, class, routes, dose basis, labelled per-administration doses, and the label's
 * limits and rules (course limits, cumulative and per-cycle maxima, forbidden routes, infusion
 * times, organ-function requirements, premedication). Every number carries its source (label and
 * section, or the paper that defines a regimen) in its row. Where no source was at hand the field
 * is left empty and `gaps` says so: a check never fires on a number nobody can cite.
 *
 * The rows live in drugs/, one file per group; this module joins them.
 */

export { CLASS_EXCLUSIONS } from './drugs/class-exclusions';
import { CONJUGATE_AND_IMMUNOTHERAPY_DRUGS } from './drugs/conjugates-immunotherapy';
import { CYTOTOXIC_DRUGS } from './drugs/cytotoxics';
import { HAEMATOLOGY_DRUGS } from './drugs/haematology';
import { HORMONAL_DRUGS } from './drugs/hormonal';
import { SOLID_TUMOUR_DRUGS } from './drugs/solid-tumours';
import { SUPPORTIVE_DRUGS } from './drugs/supportive';
import { TARGETED_DRUGS } from './drugs/targeted';
import type { Drug } from './drugs/types';

export * from './drugs/types';

/** Every drug row, in the order of the files that hold them. */
export const DRUGS: readonly Drug[] = [
  ...SOLID_TUMOUR_DRUGS,
  ...CYTOTOXIC_DRUGS,
  ...HAEMATOLOGY_DRUGS,
  ...HORMONAL_DRUGS,
  ...TARGETED_DRUGS,
  ...CONJUGATE_AND_IMMUNOTHERAPY_DRUGS,
  ...SUPPORTIVE_DRUGS,
];
