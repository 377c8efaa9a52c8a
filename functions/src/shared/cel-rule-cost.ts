import safeRegex from 'safe-regex2';

// A merchant's rule (fraud or routing) runs on every one of its payments, inside a task that other gates and
// merchants wait behind: its cost must be known before it is saved. CEL has no loops but
// comprehensions (all, exists, exists_one, map, filter) and `matches`, so the estimate multiplies
// each comprehension's body by its range, and a regex is accepted only when it is a literal that
// cannot backtrack catastrophically (no nested quantifiers: star height ≤ 1).

/** Estimated evaluation steps a saved rule may cost. The platform rules cost under 10. */
export const MAX_RULE_COST = 2_000;
/** Comprehensions inside comprehensions multiply: two levels are plenty for a fraud rule. */
export const MAX_COMPREHENSION_NESTING = 2;
/** No rule variable is a list, so a range is a literal list (capped by the parser) or a string's characters. */
const UNKNOWN_RANGE = 256;
export const MAX_PATTERN_LENGTH = 200;

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

type Node = { op: string; args: unknown; pos?: number };
export type CostVerdict = { ok: true; cost: number } | { ok: false; message: string; offset: number };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Node).op === 'string';

function childrenOf(value: unknown): Node[] {
  if (isNode(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(childrenOf);
  return [];
}

class RuleTooExpensive extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function costOf(node: Node, nesting: number): number {
  const args = Array.isArray(node.args) ? node.args : [];
  if (node.op === 'rcall' && typeof args[0] === 'string') {
    const [name, receiver, callArgs] = args as [string, Node, unknown[]];
    if (COMPREHENSIONS.has(name)) {
      if (nesting + 1 > MAX_COMPREHENSION_NESTING) throw new RuleTooExpensive(`comprehensions may nest at most ${MAX_COMPREHENSION_NESTING} deep`, node.pos ?? 0);
      const range = receiver.op === 'list' && Array.isArray(receiver.args) ? receiver.args.length : UNKNOWN_RANGE;
      const body = childrenOf(callArgs).reduce((sum, child) => sum + costOf(child, nesting + 1), 0);
      return costOf(receiver, nesting) + range * (body + 1);
    }
    if (name === 'matches') {
      const [pattern] = childrenOf(callArgs);
      if (!pattern || pattern.op !== 'value' || typeof pattern.args !== 'string') throw new RuleTooExpensive('matches() takes a string literal pattern, so that it can be checked when the rule is saved', node.pos ?? 0);
      if (pattern.args.length > MAX_PATTERN_LENGTH) throw new RuleTooExpensive(`the matches() pattern is longer than ${MAX_PATTERN_LENGTH} characters`, pattern.pos ?? 0);
      if (!safeRegex(pattern.args)) throw new RuleTooExpensive('the matches() pattern can backtrack catastrophically (nested quantifiers); rewrite it without a repeated group that repeats', pattern.pos ?? 0);
      return costOf(receiver, nesting) + 4 * pattern.args.length;
    }
  }
  return 1 + childrenOf(node.args).reduce((sum, child) => sum + costOf(child, nesting), 0);
}

/** Static cost of a parsed rule, or why it is refused. Pure: the AST comes from the CEL parser. */
export function estimateRuleCost(ast: unknown): CostVerdict {
  if (!isNode(ast)) return { ok: true, cost: 0 };
  try {
    const cost = costOf(ast, 0);
    if (cost > MAX_RULE_COST) return { ok: false, message: `rule is too expensive to run on every payment (estimated ${cost} steps, at most ${MAX_RULE_COST})`, offset: ast.pos ?? 0 };
    return { ok: true, cost };
  } catch (error) {
    if (error instanceof RuleTooExpensive) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}
