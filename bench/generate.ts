/**
 * Deterministic protocols of a given size for the benchmark: a trial block, drug declarations,
 * many arms with phases, cycles and dose lines, a long eligibility block, outcomes and comments,
 * with a sprinkling of errors (about one per 400 lines). Same size, same text, every run.
 */

/** A small seeded generator (mulberry32), so the text never depends on the machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOSES = [
  'oxaliplatin 85 mg/m2 IV day 1',
  'gemcitabine 1000 mg/m2 IV days 1, 8',
  'cisplatin 25 mg/m2 IV days 1, 8',
  'capecitabine 1250 mg/m2 PO bid days 1-14',
  'docetaxel 75 mg/m2 IV day 1',
  'carboplatin AUC 5 IV day 1',
  'pembrolizumab 200 mg IV day 1',
  'nivolumab 240 mg IV days 1, 15',
];
const COURSES = ['lenvatinib 8 mg PO daily for 9 weeks', 'toripalimab 240 mg IV q3w x 3', 'sorafenib 400 mg PO bid for 63 days'];
const CRITERIA = [
  'include platelets >= 100 x10^9/L',
  'include neutrophils >= 1.5 x10^9/L',
  'include hemoglobin >= 9 g/dL',
  'include bilirubin <= 1.5 x ULN',
  'include alt <= 3 x ULN',
  'include creatinine_clearance >= 60 mL/min',
  'include ecog 0-1',
  'exclude hbv_dna > 10^4 copies/mL "after antiviral therapy"',
  'exclude systolic_bp >= 160 mmHg',
  'exclude "Active tuberculosis infection within 1 year before enrollment"',
];
const ERRORS = ['oxaliplatin 85 mgg/m2 IV day 1', 'gemcitabine 1000 mg/m2 IV day 29', 'capecitabine 1250 mg/m2 PO bid days 14-1'];

/** A protocol of about `lines` lines. */
export function generateProtocol(lines: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const out: string[] = [
    '// A generated protocol for the benchmark.',
    'trial NCT00000001 {',
    '  title "A generated trial"',
    '  official_title "A generated phase 2 trial for the benchmark"',
    '  summary "Generated text."',
    '  type interventional',
    '  phase 2',
    '  status recruiting',
    '  enrollment 300 estimated',
    '  start 2026-01-01 estimated',
    '  primary_completion 2027-01-01 estimated',
    '  completion 2028-01-01 estimated',
    '  conditions "Cholangiocarcinoma"',
    '  design { allocation randomized  model parallel  masking none  purpose treatment }',
    '  sponsor "Generated Hospital" other',
    '  responsible_party sponsor',
    '}',
    '',
  ];
  for (const drug of [
    'oxaliplatin',
    'gemcitabine',
    'cisplatin',
    'capecitabine',
    'docetaxel',
    'carboplatin',
    'pembrolizumab',
    'nivolumab',
    'lenvatinib',
    'toripalimab',
    'sorafenib',
  ]) {
    out.push(`drug ${drug}`);
  }
  out.push('');
  // Eligibility takes a fifth of the lines, arms the rest.
  const eligibilityLines = Math.max(10, Math.floor(lines / 5));
  let arm = 0;
  while (out.length < lines - eligibilityLines - 4) {
    arm++;
    out.push(
      `// Arm ${arm}: generated.`,
      `arm arm_${arm} "Arm ${arm}" ${arm % 2 ? 'experimental' : 'active_comparator'} {`,
      `  description "Generated arm ${arm}."`,
      '  neoadjuvant {',
    );
    out.push(`    cycle 21 days x 3 {`);
    for (let i = 0; i < 3; i++) out.push(`      ${out.length % 400 < 1 ? pick(ERRORS) : pick(DOSES)}`);
    out.push('    }', `    ${pick(COURSES)}`, '  }', '  surgery "resection"', '  adjuvant {', `    cycle 21 days x 8 { ${pick(DOSES)} }`, '  }', '}', '');
  }
  out.push('eligibility {', '  age 18 to 75 years', '  sex all', '  healthy_volunteers no');
  for (const line of CRITERIA) out.push(`  ${line}`);
  // Most criteria of real protocols are text; each generated one is distinct.
  let criterion = 0;
  while (out.length < lines - 6) {
    criterion++;
    out.push(
      `  ${criterion % 2 ? 'include' : 'exclude'} "Generated criterion ${criterion}: ${pick(['history of', 'no', 'known', 'active'])} condition ${Math.floor(next() * 1000)}"`,
    );
  }
  out.push('}', '', 'outcome primary "Objective response rate" {', '  time_frame "12 months"', '}');
  return out.join('\n') + '\n';
}
