/**
 * Scripted sub-agent conversations for the end-to-end tests, the demo and the benchmark. Requests
 * are routed by the role marker each prompt starts with (`[kiro:role=planner]`, …).
 */
import { reply, systemText, text, toolUse, type ModelScriptFn, type RoutedScript, type Step } from '../rig/model-server.js';

export function roleOf(req: { body: { system?: unknown } }): string {
  return /\[kiro:role=([\w-]+)\]/.exec(systemText(req))?.[1] ?? 'unknown';
}

/**
 * A script for runs that talk to the model at the same time (batch children, concurrent tasks):
 * each request gets its role's step at its own conversation's turn — the number of assistant
 * messages it carries — so interleaved runs never take each other's steps.
 */
export function perConversation(steps: Record<string, Step[]>): ModelScriptFn {
  return (req) => steps[roleOf(req)]?.[req.body.messages.filter((m) => m.role === 'assistant').length];
}

export const CALC_SPEC = {
  title: 'Fix add() so it adds',
  summary: 'add() subtracts its arguments; make it return their sum so the failing test passes.',
  requirements: ['WHEN add(a, b) is called THE SYSTEM SHALL return a + b.'],
  acceptanceCriteria: [
    { id: 'AC1', text: 'add(2, 3) returns 5' },
    { id: 'AC2', text: 'npm test passes' },
  ],
  plan: [{ id: 1, title: 'Return the sum in add()', detail: 'src/calc.js: replace `a - b` with `a + b`.' }],
  needsCode: true,
  questions: [],
};

/** Planner: looks at the code, submits the spec (optionally with overrides). */
export function plannerSteps(spec: Record<string, unknown> = CALC_SPEC): Step[] {
  return [
    reply(text('Let me look at the code.'), toolUse('list_files', { glob: 'src/**' })),
    reply(toolUse('str_replace_based_edit_tool', { command: 'view', path: 'src/calc.js' })),
    reply(toolUse('submit_spec', spec)),
  ];
}

/** Coder: fixes add(), runs the tests, completes the step, finishes. */
export function coderFixSteps(): Step[] {
  return [
    reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'return a - b;', new_str: 'return a + b;' })),
    reply(toolUse('bash', { command: 'npm test 2>&1 | tail -5' })),
    reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b' })),
    reply(
      toolUse('finish', {
        summary: 'add() now returns the sum of its arguments.',
        approach: 'Replaced the subtraction in src/calc.js with an addition; the existing test covers it.',
        tradeoffs: 'None worth noting: a one-operator fix.',
      }),
    ),
  ];
}

/**
 * The shortest J1 a child of a large batch needs: the planner submits at once, the coder fixes,
 * completes the step and finishes (the action still runs the project's checks before the verifier).
 */
export function quickPlannerSteps(): Step[] {
  return [reply(toolUse('submit_spec', CALC_SPEC))];
}
export function quickCoderSteps(): Step[] {
  return coderFixSteps().filter((_, i) => i !== 1);
}

export function verifierPass(): Step[] {
  return [
    reply(
      toolUse('submit_verdict', {
        criteria: [
          { id: 'AC1', met: true, evidence: 'src/calc.js returns a + b' },
          { id: 'AC2', met: true, evidence: 'npm test passed' },
        ],
        passed: true,
        feedback: '',
      }),
    ),
  ];
}

export function verifierFail(feedback = 'AC2: npm test still fails'): Step {
  return reply(
    toolUse('submit_verdict', {
      criteria: [
        { id: 'AC1', met: false, evidence: 'add(2, 3) returns -1' },
        { id: 'AC2', met: false, evidence: 'npm test fails' },
      ],
      passed: false,
      feedback,
    }),
  );
}

/** J1: issue → PR on the calc-js fixture. */
export function issueToPrScript(): RoutedScript {
  return {
    route: roleOf,
    scripts: {
      planner: plannerSteps(),
      coder: coderFixSteps(),
      verifier: verifierPass(),
    },
  };
}

/** A planner that answers without code (needsCode: false): the quickest complete run. */
export function answerScript(answer = 'add() is defined in src/calc.js.'): RoutedScript {
  return {
    route: roleOf,
    scripts: {
      planner: [
        reply(
          toolUse('submit_spec', {
            title: 'Answer the question',
            summary: answer,
            requirements: [],
            acceptanceCriteria: [],
            plan: [],
            needsCode: false,
            questions: [],
          }),
        ),
      ],
    },
  };
}
