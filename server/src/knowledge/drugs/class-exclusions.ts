/**
 * Conditions the trials of a drug class exclude for the class's safety. Not label
 * contraindications: the labels warn, the trials excluded, and reviewers expect a protocol giving
 * such a drug to say what it does with those patients. Each row names the review that states the
 * practice.
 */

import type { ClassExclusion } from './types';

export const CLASS_EXCLUSIONS: readonly ClassExclusion[] = [
  {
    classes: ['pd1', 'pdl1', 'ctla4'],
    condition: 'autoimmune disease',
    pattern: 'auto-?immun',
    text: 'Patients with preexisting autoimmune disease are usually excluded from immune checkpoint inhibitor trials, for fear of flares and immune-related adverse events.',
    source:
      'Zhang K et al., PD-1/PD-L1 inhibitors in patients with preexisting autoimmune diseases, Front Pharmacol 2022;13:854967 (abstract: "many clinical ' +
      'trials exclude cancer patients with preexisting autoimmune disease"); Rakshit S, Molina JR, Immunotherapy in patients with autoimmune disease, ' +
      'J Thorac Dis (review; abstract: "patients with pre-existing AID are usually excluded from prospective clinical trials"), for CTLA-4, PD-1 and PD-L1 inhibitors',
  },
];
