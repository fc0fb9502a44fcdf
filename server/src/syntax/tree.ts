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
  /** `AUC 5`, `dose unstated`, or a plain number with its unit. */
  readonly form: 'quantity' | 'auc' | 'unstated';
  readonly value?: Num;
  readonly unit?: UnitLit;
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

export type DoseModifier = RouteMod | FrequencyMod | DaysMod | DurationMod | CountMod | Str;

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
  readonly count?: Num;
  readonly body?: Block<DoseNode>;
}

export type RegimenItem = CycleNode | DoseNode | SurgeryNode;

export interface PhaseNode extends NodeBase {
  readonly kind: 'Phase';
  readonly name: Name;
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

export interface TextCriterion extends NodeBase {
  readonly kind: 'Text';
  readonly text: Str;
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
  readonly note?: Str;
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
  /** The lower limit's own unit, where it differs: `age 6 months to 17 years`. */
  readonly minUnit?: Name;
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
  | PhaseNode
  | Criterion
  | CriterionStatement
  | AgeNode;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Calls `visit` on each direct child of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const children: Node[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  children.sort((a, b) => a.offset - b.offset);
  for (const child of children) visit(child);
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
