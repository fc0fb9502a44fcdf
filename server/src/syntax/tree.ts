/**
 * The syntax tree. Every node carries `offset` and `length` into the source text; nodes are
 * plain readonly data, and any child may be missing when the source is incomplete.
 */

export interface NodeBase {
  readonly kind: string;
  readonly offset: number;
  readonly length: number;
}

/** An identifier or keyword as written. */
export interface Name extends NodeBase {
  readonly kind: 'Name';
  readonly text: string;
}

export interface Str extends NodeBase {
  readonly kind: 'Str';
  /** The decoded value, escapes resolved. */
  readonly value: string;
}

export interface Num extends NodeBase {
  readonly kind: 'Num';
  readonly value: number;
  /** The literal as written: `1.5`, `10^4`. */
  readonly text: string;
}

export interface DateLit extends NodeBase {
  readonly kind: 'DateLit';
  readonly text: string;
}

export interface UnitLit extends NodeBase {
  readonly kind: 'Unit';
  readonly text: string;
}

/** A comparator, normalised to ASCII (`≥` is `>=`). */
export interface Op extends NodeBase {
  readonly kind: 'Op';
  readonly text: '>' | '>=' | '<' | '<=' | '=';
}

/** `2/3` in `phase 2/3`. */
export interface Fraction extends NodeBase {
  readonly kind: 'Fraction';
  readonly numerator: Num;
  readonly denominator?: Num;
}

export type FieldArg = Name | Str | Num | DateLit | Fraction;

export interface Block<T> extends NodeBase {
  readonly kind: 'Block';
  readonly items: readonly T[];
  /** False when the closing brace is missing. */
  readonly closed: boolean;
}

/**
 * A registry-style statement: a keyword, its arguments and perhaps a block of further fields
 * (`phase 2/3`, `sponsor "X" other`, `site "Y" { city "Z" }`).
 */
export interface Field extends NodeBase {
  readonly kind: 'Field';
  readonly name: Name;
  readonly args: readonly FieldArg[];
  readonly block?: Block<Field>;
}

export interface TrialNode extends NodeBase {
  readonly kind: 'Trial';
  readonly keyword: Name;
  readonly id?: Name;
  readonly body?: Block<Field>;
}

export interface DrugNode extends NodeBase {
  readonly kind: 'Drug';
  readonly keyword: Name;
  readonly id?: Name;
  readonly label?: Str;
  readonly body?: Block<Field>;
}

export interface InterventionNode extends NodeBase {
  readonly kind: 'Intervention';
  readonly keyword: Name;
  readonly id?: Name;
  readonly type?: Name;
  readonly name?: Str;
  readonly body?: Block<Field>;
}

export interface DayRange extends NodeBase {
  readonly kind: 'DayRange';
  readonly from: Num;
  readonly to?: Num;
}

export interface Amount extends NodeBase {
  readonly kind: 'Amount';
  /** A number with its unit, `AUC 5`, `dose unstated`, or `matching pembrolizumab` (a placebo). */
  readonly form: 'quantity' | 'auc' | 'unstated' | 'matching';
  readonly value?: Num;
  /** The upper end of a range: `AUC 5-6`, `1000-1250 mg/m2`. */
  readonly valueMax?: Num;
  readonly unit?: UnitLit;
  /** The drug a placebo matches. */
  readonly matching?: Name;
}

export interface RouteMod extends NodeBase {
  readonly kind: 'Route';
  readonly name: Name;
}

export interface FrequencyMod extends NodeBase {
  readonly kind: 'Frequency';
  readonly name: Name;
}

export interface DaysMod extends NodeBase {
  readonly kind: 'Days';
  readonly keyword: Name;
  readonly items: readonly DayRange[];
}

export interface DurationMod extends NodeBase {
  readonly kind: 'Duration';
  readonly value?: Num;
  readonly unit?: Name;
}

export interface CountMod extends NodeBase {
  readonly kind: 'Count';
  readonly value?: Num;
}

/** `until progression or toxicity`. */
export interface UntilMod extends NodeBase {
  readonly kind: 'Until';
  readonly keyword: Name;
  readonly reasons: readonly Name[];
}

/** `up to 35 cycles`, `up to 2 years`, `up to 8 doses`. */
export interface UpToMod extends NodeBase {
  readonly kind: 'UpTo';
  readonly value?: Num;
  readonly unit?: Name;
}

/** `cycle 1`, `cycles 1-4`, `cycles 1, 3`, `from cycle 9`: the cycles of its block a dose is given in. */
export interface CyclesMod extends NodeBase {
  readonly kind: 'Cycles';
  readonly keyword: Name;
  /** Set for `from cycle N`: that cycle and every later one. */
  readonly from?: Name;
  readonly items: readonly DayRange[];
}

/** `over 46 hours`, `over 30 min`: how long an infusion runs. */
export interface OverMod extends NodeBase {
  readonly kind: 'Over';
  readonly value?: Num;
  readonly unit?: Name;
}

/** `bolus`, `infusion`, `continuous`: how the dose is given. */
export interface ModeMod extends NodeBase {
  readonly kind: 'Mode';
  readonly name: Name;
}

/** `max 2 mg` (a cap on each administration) or `loading 8 mg/kg` (the first administration). */
export interface AmountMod extends NodeBase {
  readonly kind: 'Max' | 'Loading';
  readonly keyword: Name;
  readonly amount?: Amount;
}

/** `if weight < 60 kg`, `if "liver metastases"`: when a dose or a limit applies. */
export interface ConditionNode extends NodeBase {
  readonly kind: 'Condition';
  readonly keyword: Name;
  readonly text?: Str;
  readonly analyte?: Name;
  readonly op?: Op;
  readonly value?: Num;
  readonly multipleOf?: Name;
  readonly unit?: UnitLit;
}

export type DoseModifier =
  RouteMod | FrequencyMod | DaysMod | DurationMod | CountMod | UntilMod | UpToMod | CyclesMod | OverMod | ModeMod | AmountMod | ConditionNode | Str;

/** How a course ends, in a cycle header: `x 8`, `up to 35 cycles`, `for 6 months`, `until progression`. */
export type CourseClause = CountMod | UpToMod | DurationMod | UntilMod;

export interface DoseNode extends NodeBase {
  readonly kind: 'Dose';
  readonly drug: Name;
  readonly amount?: Amount;
  readonly modifiers: readonly DoseModifier[];
}

export interface SurgeryNode extends NodeBase {
  readonly kind: 'Surgery';
  readonly keyword: Name;
  readonly note?: Str;
}

export interface CycleNode extends NodeBase {
  readonly kind: 'Cycle';
  readonly keyword: Name;
  readonly cycleLength?: Num;
  readonly cycleLengthUnit?: Name;
  /** How the course of cycles ends, as written. */
  readonly clauses: readonly CourseClause[];
  readonly body?: Block<DoseNode | ChoiceNode>;
}

/** `choice "label" { option "A" { … } option "B" { … } }`: alternatives, each counted on its own. */
export interface ChoiceNode extends NodeBase {
  readonly kind: 'Choice';
  readonly keyword: Name;
  readonly label?: Str;
  readonly body?: Block<OptionNode>;
}

export interface OptionNode extends NodeBase {
  readonly kind: 'Option';
  readonly keyword: Name;
  readonly label?: Str;
  readonly body?: Block<RegimenItem>;
}

export type RegimenItem = CycleNode | DoseNode | SurgeryNode | ChoiceNode;

export interface PhaseNode extends NodeBase {
  readonly kind: 'Phase';
  readonly name: Name;
  /** `optional`: the phase may be skipped (optional maintenance). */
  readonly optional?: Name;
  readonly label?: Str;
  readonly body?: Block<RegimenItem>;
}

export type ArmItem = Field | PhaseNode | RegimenItem;

export interface ArmNode extends NodeBase {
  readonly kind: 'Arm';
  readonly keyword: Name;
  readonly id?: Name;
  readonly label?: Str;
  readonly armType?: Name;
  readonly body?: Block<ArmItem>;
}

/**
 * `within 28 days before randomization`, `more than 6 months after "surgery"`: when an event must
 * (or must not) have happened, relative to an anchor.
 */
export interface WindowNode extends NodeBase {
  readonly kind: 'Window';
  /** `within`, or `more`/`at`/`less` with `than`/`least`. */
  readonly relation: readonly Name[];
  readonly value?: Num;
  readonly unit?: Name;
  /** `before` or `after`. */
  readonly direction?: Name;
  /** `enrollment`, `randomization`, `registration`, `first_dose`, or an event in words. */
  readonly anchor?: Name | Str;
}

export interface TextCriterion extends NodeBase {
  readonly kind: 'Text';
  readonly text: Str;
  readonly window?: WindowNode;
  readonly note?: Str;
}

export interface ThresholdCriterion extends NodeBase {
  readonly kind: 'Threshold';
  readonly analyte: Name;
  readonly op: Op;
  readonly value?: Num;
  /** `ULN` or `LLN` in `1.5 x ULN`. */
  readonly multipleOf?: Name;
  readonly unit?: UnitLit;
  /** `if creatinine > 1.5 x ULN`: the limit applies only then. */
  readonly condition?: ConditionNode;
  /** `or <= 5 x ULN if "liver metastases"`: another limit that applies when its condition holds. */
  readonly alternatives: readonly AlternativeNode[];
  readonly window?: WindowNode;
  readonly note?: Str;
}

export interface AlternativeNode extends NodeBase {
  readonly kind: 'Alternative';
  readonly keyword: Name;
  readonly op?: Op;
  readonly value?: Num;
  readonly multipleOf?: Name;
  readonly unit?: UnitLit;
  readonly condition?: ConditionNode;
}

export interface ScoreCriterion extends NodeBase {
  readonly kind: 'Score';
  readonly analyte: Name;
  readonly from: Num | Name;
  readonly to?: Num | Name;
  readonly note?: Str;
}

export interface PriorCriterion extends NodeBase {
  readonly kind: 'Prior';
  readonly keyword: Name;
  readonly items: readonly (Name | Str)[];
  readonly window?: WindowNode;
  readonly note?: Str;
}

export interface GroupCriterion extends NodeBase {
  readonly kind: 'Group';
  /** `any` or `all`. */
  readonly mode: Name;
  readonly label?: Str;
  readonly body?: Block<Criterion>;
  readonly note?: Str;
}

export type Criterion = TextCriterion | ThresholdCriterion | ScoreCriterion | PriorCriterion | GroupCriterion;

export interface CriterionStatement extends NodeBase {
  readonly kind: 'CriterionStatement';
  /** `include` or `exclude`. */
  readonly polarity: Name;
  readonly criterion?: Criterion;
}

export interface AgeNode extends NodeBase {
  readonly kind: 'Age';
  readonly keyword: Name;
  readonly min?: Num;
  readonly max?: Num;
  /** Set for the one-sided form `age >= 18 years`. */
  readonly op?: Op;
  readonly unit?: Name;
}

export type EligibilityItem = AgeNode | Field | CriterionStatement;

export interface EligibilityNode extends NodeBase {
  readonly kind: 'Eligibility';
  readonly keyword: Name;
  readonly body?: Block<EligibilityItem>;
}

export interface OutcomeNode extends NodeBase {
  readonly kind: 'Outcome';
  readonly keyword: Name;
  readonly outcomeKind?: Name;
  readonly measure?: Str;
  readonly body?: Block<Field>;
}

export type TopItem = TrialNode | DrugNode | InterventionNode | ArmNode | EligibilityNode | OutcomeNode;

export interface DocumentNode extends NodeBase {
  readonly kind: 'Document';
  readonly items: readonly TopItem[];
}

export type Node =
  | DocumentNode
  | TopItem
  | Field
  | Block<unknown>
  | Name
  | Str
  | Num
  | DateLit
  | UnitLit
  | Op
  | Fraction
  | DayRange
  | Amount
  | DoseModifier
  | DoseNode
  | SurgeryNode
  | CycleNode
  | ChoiceNode
  | OptionNode
  | PhaseNode
  | WindowNode
  | AlternativeNode
  | Criterion
  | CriterionStatement
  | AgeNode;

/**
 * The properties of each kind of node that hold children, in source order: the one place that
 * knows the shape of the tree, so a walk visits children without sorting or looking at every
 * property. A property holds a node, a list of nodes, or nothing.
 */
const CHILD_KEYS: { readonly [K in Node['kind']]: readonly string[] } = {
  Document: ['items'],
  Trial: ['keyword', 'id', 'body'],
  Drug: ['keyword', 'id', 'label', 'body'],
  Intervention: ['keyword', 'id', 'type', 'name', 'body'],
  Arm: ['keyword', 'id', 'label', 'armType', 'body'],
  Eligibility: ['keyword', 'body'],
  Outcome: ['keyword', 'outcomeKind', 'measure', 'body'],
  Field: ['name', 'args', 'block'],
  Block: ['items'],
  Name: [],
  Str: [],
  Num: [],
  DateLit: [],
  Unit: [],
  Op: [],
  Fraction: ['numerator', 'denominator'],
  DayRange: ['from', 'to'],
  Amount: ['value', 'valueMax', 'unit', 'matching'],
  Route: ['name'],
  Frequency: ['name'],
  Days: ['keyword', 'items'],
  Duration: ['value', 'unit'],
  Count: ['value'],
  Until: ['keyword', 'reasons'],
  UpTo: ['value', 'unit'],
  Cycles: ['from', 'keyword', 'items'],
  Over: ['value', 'unit'],
  Mode: ['name'],
  Max: ['keyword', 'amount'],
  Loading: ['keyword', 'amount'],
  Condition: ['keyword', 'text', 'analyte', 'op', 'value', 'multipleOf', 'unit'],
  Dose: ['drug', 'amount', 'modifiers'],
  Surgery: ['keyword', 'note'],
  Cycle: ['keyword', 'cycleLength', 'cycleLengthUnit', 'clauses', 'body'],
  Choice: ['keyword', 'label', 'body'],
  Option: ['keyword', 'label', 'body'],
  Phase: ['name', 'optional', 'label', 'body'],
  Window: ['relation', 'value', 'unit', 'direction', 'anchor'],
  Text: ['text', 'window', 'note'],
  Threshold: ['analyte', 'op', 'value', 'multipleOf', 'unit', 'condition', 'alternatives', 'window', 'note'],
  Alternative: ['keyword', 'op', 'value', 'multipleOf', 'unit', 'condition'],
  Score: ['analyte', 'from', 'to', 'note'],
  Prior: ['keyword', 'items', 'window', 'note'],
  Group: ['mode', 'label', 'body', 'note'],
  CriterionStatement: ['polarity', 'criterion'],
  Age: ['keyword', 'op', 'min', 'max', 'unit'],
};

/** Calls `visit` on each direct child of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const record = node as unknown as Readonly<Record<string, unknown>>;
  for (const key of CHILD_KEYS[node.kind]) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value as readonly Node[]) visit(item);
    } else if (value !== undefined) {
      visit(value as Node);
    }
  }
}

/**
 * The chain of nodes that contain `offset`, outermost first. A node contains the offsets from
 * its start up to and including its end, so a cursor just after a word still finds the word.
 */
export function nodePathAtOffset(root: Node, offset: number): Node[] {
  const path: Node[] = [];
  let current: Node | undefined = root;
  while (current) {
    path.push(current);
    let next: Node | undefined;
    forEachChild(current, (child) => {
      if (!next && child.offset <= offset && offset <= child.offset + child.length) next = child;
    });
    current = next;
  }
  return path;
}

/** The innermost node containing `offset`. */
export function nodeAtOffset(root: Node, offset: number): Node {
  const path = nodePathAtOffset(root, offset);
  return path[path.length - 1];
}
