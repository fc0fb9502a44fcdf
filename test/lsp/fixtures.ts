/**
 * Every fixture the language-server tests use, by name. Fixtures are short flush-left strings;
 * `$0` marks the cursor (see `fixture()` in test/unit/util.ts). The formatting tests run over
 * this whole table, so each fixture is also checked to format idempotently and to keep its model.
 */

/** A cycle of gemcitabine in a named phase: hover and inlay hints read its implications. */
const DOSE_IN_CYCLE = `drug gemcitabine "Gemzar"
arm neoadjuvant "Neoadjuvant" experimental {
  neoadjuvant {
    cycle 21 days x 3 {
      gemcitabine 1 g/m2 days 1, 8
    }
  }
}`;

export const FIXTURES = {
  doseInCycle: DOSE_IN_CYCLE,

  // ---- hover ------------------------------------------------------------------------------
  hoverDoseDrug: `drug gemcitabine "Gemzar"
arm neoadjuvant "Neoadjuvant" experimental {
  neoadjuvant {
    cycle 21 days x 3 {
      gemci$0tabine 1 g/m2 days 1, 8
    }
  }
}`,
  hoverDoseAmount: `drug gemcitabine "Gemzar"
arm neoadjuvant "Neoadjuvant" experimental {
  neoadjuvant {
    cycle 21 days x 3 {
      gemcitabine 1 g/$0m2 days 1, 8
    }
  }
}`,
  hoverDrugDeclaration: `drug gemci$0tabine "Gemzar"
arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
}`,
  hoverAnalyte: `eligibility {
  include hemo$0globin >= 9 g/dL
}`,
  hoverKeyword: `arm a "A" experimental {
  cyc$0le 21 days x 3 {
    gemcitabine 1000 mg/m2 days 1, 8
  }
}`,
  hoverEnumValue: `trial NCT00000001 {
  status active_not$0_recruiting
}`,
  hoverBlankLine: `arm a "A" experimental {
$0
  gemcitabine 1000 mg/m2 day 1
}`,
  hoverIndentation: `arm a "A" experimental {
 $0 gemcitabine 1000 mg/m2 day 1
}`,

  // ---- completion -------------------------------------------------------------------------
  completeTopLevel: `trial NCT00000001 {
  title "x"
}
$0`,
  completeTrialField: `trial NCT00000001 {
  title "x"
  $0
}`,
  completeStatus: `trial NCT00000001 {
  status $0
}`,
  completeArmStatement: `drug capecitabine "Xeloda"
arm a "A" experimental {
  $0
}`,
  completePartialDrug: `arm a "A" experimental {
  gemc$0
}`,
  completeBsaUnit: `arm a "A" experimental {
  gemcitabine 1000 $0
}`,
  completeFlatUnit: `arm a "A" experimental {
  lenvatinib 8 $0
}`,
  completeDoseModifier: `arm a "A" experimental {
  gemcitabine 1000 mg/m2 $0
}`,
  completeCriterion: `eligibility {
  include $0
}`,
  completeComparator: `eligibility {
  include platelets $0
}`,
  completeBilirubinUnit: `eligibility {
  include bilirubin <= 1.5 $0
}`,
  completePlateletsUnit: `eligibility {
  include platelets >= 100 $0
}`,
  completeArmType: `arm a "A" $0`,
  completeDesignValue: `trial NCT00000001 {
  design { allocation $0 }
}`,
  completeUses: `intervention gemox drug "GEMOX"
arm a "A" experimental {
  uses $0
}`,
  completeCycleUnit: `arm a "A" experimental {
  cycle 21 $0
}`,
  completeInCycle: `drug capecitabine "Xeloda"
arm a "A" experimental {
  cycle 21 days x 3 {
    $0
  }
}`,
  completePrior: `drug lenvatinib "Lenvima"
eligibility {
  exclude prior $0
}`,
  completeCourseUnit: `arm a "A" experimental {
  lenvatinib 8 mg daily for 9 $0
}`,
  /** A dose typed up to its number; the test types the space that triggers completion. */
  completeTyping: `arm a "A" experimental {
  gemcitabine 1000
}`,
  completeInString: `trial NCT00000001 {
  title "Gemcitabine $0"
}`,
  completeInLineComment: `// gemcitabine 1000 $0
arm a "A" experimental { surgery }`,
  completeInBlockComment: `/* include $0 */
arm a "A" experimental { surgery }`,

  // ---- navigation and rename --------------------------------------------------------------
  navigation: `// gemcitabine: dosed per m2
drug gemcitabine "gemcitabine (Gemzar)"
intervention gemox drug "GEMOX"
arm a "A" experimental {
  uses gemox
  cycle 21 days x 3 {
    gemcitabine 1 g/m2 days 1, 8
  }
}
arm b "B" active_comparator {
  uses gemox
  gemcitabine 1000 mg/m2 day 1 "gemcitabine alone"
}
eligibility {
  exclude prior gemcitabine, "PD1 antibody"
}`,
  /** The same text after renaming gemcitabine to gem_renamed: strings and comments keep the old name. */
  navigationRenamed: `// gemcitabine: dosed per m2
drug gem_renamed "gemcitabine (Gemzar)"
intervention gemox drug "GEMOX"
arm a "A" experimental {
  uses gemox
  cycle 21 days x 3 {
    gem_renamed 1 g/m2 days 1, 8
  }
}
arm b "B" active_comparator {
  uses gemox
  gem_renamed 1000 mg/m2 day 1 "gemcitabine alone"
}
eligibility {
  exclude prior gem_renamed, "PD1 antibody"
}`,

  renameClash: `drug gemcitabine
drug oxaliplatin
arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
  oxaliplatin 85 mg/m2 day 1
}`,

  /** oxaliplatin is used but not declared: still a drug that a rename must not merge with. */
  renameMerge: `drug gemcitabine
arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
  oxaliplatin 85 mg/m2 day 1
}`,

  // ---- diagnostics ------------------------------------------------------------------------
  unsatisfiable: `eligibility {
  include platelets >= 100 x10^9/L
  include platelets < 90 x10^9/L
}`,
  relatedDuplicate: `drug gemcitabine
drug gemcitabine
arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
}`,
  relatedCourse: `arm a "A" experimental {
  neoadjuvant {
    cycle 21 days x 3 {
      gemcitabine 1000 mg/m2 days 1, 8
    }
    lenvatinib 8 mg daily for 12 weeks
  }
}`,
  relatedExcludes: `eligibility {
  include platelets >= 100 x10^9/L
  exclude platelets > 50 x10^9/L
}`,
  /** The trial block comes last, so the arm keeps its line numbers: a document without one is an error (TPL256). */
  unknownUnit: `arm a "A" other {
  oxaliplatin 85 mgg/m2 day 1
}
trial NCT00000001 { title "x" }`,
  /** Line breaks CRLF: positions count lines by either break. */
  unknownUnitCrlf: `arm a "A" other {\r
  oxaliplatin 85 mgg/m2 day 1\r
}\r
`,
  /** Characters outside the BMP before the mistake: LSP characters are UTF-16 code units. */
  unknownUnitAstral: `arm a "😀😀 A" other { oxaliplatin 85 mgg/m2 day 1 }`,

  // ---- code actions -----------------------------------------------------------------------
  /** The trial block comes last, so the arm keeps its line numbers: a document without one is an error (TPL256). */
  misspeltDrug: `arm a "A" experimental {
  oxaliplatine 85 mg/m2 day 1
}
trial NCT00000001 { title "x" }`,
  manyFixes: `trial nct00000001 {
  title "x"
}
arm a "A" experimental {
  oxaliplatine 85 mg/m2 day 1
  gemcitabine 1000 mg day 1
}
eligibility {
  include platelet >= 100 x10^9/L
}`,

  fixDeclare: `drug gemcitabine
arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
  oxaliplatin 85 mg/m2 day 1
}`,
  fixUnused: `drug gemcitabine
drug cisplatin
arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
}`,
  fixRedundant: `eligibility {
  include platelets >= 100 x10^9/L
  include platelets >= 90 x10^9/L
}`,
  fixAgeSwap: `eligibility {
  age 70 to 18 years
}`,
  fixSuperscript: `eligibility {
  exclude hbv_dna > 104 copies/mL
}`,

  // ---- formatting -------------------------------------------------------------------------
  messy: `

trial   NCT00000001{
title    "Messy"
      phase 2
  design {allocation na   model single_group masking none purpose treatment}
   }



drug gemcitabine   "Gem"
arm a "A"   experimental {
        cycle 21 days x 3 {
gemcitabine 1 g/m2   days 1,8   // days 1 and 8
    }
}
/* a
   block comment */
eligibility {   include platelets>=100 x10^9/L
}   `,
  /** `messy`, formatted. */
  messyFormatted: `trial NCT00000001{
  title "Messy"
  phase 2
  design {allocation na  model single_group  masking none  purpose treatment}
}

drug gemcitabine "Gem"
arm a "A" experimental {
  cycle 21 days x 3 {
    gemcitabine 1 g/m2 days 1,8 // days 1 and 8
  }
}
/* a
   block comment */
eligibility { include platelets>=100 x10^9/L
}
`,

  /** A string left open with spaces after it: the spaces are part of the (erroneous) string. */
  unterminatedString: `trial NCT00000001 {
  title "Toripalimab\x20\x20\x20
}`,

  // ---- semantic tokens and inlay hints ----------------------------------------------------
  tokens: `// tokens
drug gemcitabine
arm neoadjuvant "Neo" experimental {
  cycle 21 days x 3 {
    gemcitabine 1 g/m2 IV days 1, 8
  }
}
eligibility {
  include platelets >= 100 x10^9/L
}`,
  /** The words inside statements that are keywords too: x, for, AUC, dose unstated, to, at, pmid. */
  tokensKeywords: `trial NCT00000001 {
  investigator "A" study_chair at "B"
  reference background pmid 15192785 "C"
}
arm a "A" other {
  carboplatin AUC 5 day 1
  toripalimab 240 mg q3w x 3
  lenvatinib 8 mg daily for 9 weeks
  capecitabine dose unstated
}
eligibility {
  age 18 to 70 years
  include bilirubin <= 1.5 x ULN
}`,
  inlayHints: `arm a "A" experimental {
  cycle 21 days x 3 {
    gemcitabine 1 g/m2 days 1, 8
  }
  lenvatinib 8 mg daily for 9 weeks
}`,

  // ---- structure --------------------------------------------------------------------------
  structure: `/* The structure fixture:
   every kind of block. */
trial NCT00000001 {
  title "Structure"
}
drug gemcitabine "Gemzar"
arm neoadjuvant "Neoadjuvant" experimental {
  neoadjuvant {
    cycle 21 days x 3 {
      gemcitabine 1 g/m2 days 1, 8
    }
  }
  surgery "resection"
}
// one
// run of line comments
eligibility {
  include any "risk" {
    tumor_diameter > 5 cm
  }
}`,
  /** Empty strings where symbols take their names: an outcome measure, a free-text criterion. */
  emptyNames: `outcome primary "" {
  time_frame "12 months"
}
eligibility {
  include ""
}`,
  selection: `arm a "A" experimental {
  cycle 21 days x 3 {
    gemcitabine $01 g/m2 days 1, 8
  }
}`,

  // ---- robustness -------------------------------------------------------------------------
  small: `arm a "A" experimental {
  gemcitabine 1000 mg/m2 day 1
}`,
} as const;

export type FixtureName = keyof typeof FIXTURES;
