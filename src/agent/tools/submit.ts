import type { ZodType } from 'zod';
import type { AgentTool } from '../types.js';
import { customToolDefinition } from './schema.js';

/**
 * A submit tool: the structured way a sub-agent hands back its result (a plan, a verdict, a list
 * of learnings). Pass its name in `runAgent({ submitTools })`: a call whose input passes `schema`
 * ends the loop with `exitReason: 'submitted'` and the parsed input as `result`; an invalid input
 * is answered with an `is_error` tool_result carrying zod's message and the loop goes on.
 *
 * @param schema a `z.object(...)`; its JSON Schema (`z.toJSONSchema`) becomes `input_schema`
 * @throws Error when `schema` is not an object schema
 */
export function makeSubmitTool(name: string, description: string, schema: ZodType): AgentTool {
  return {
    name,
    definition: customToolDefinition(name, description, schema),
    inputSchema: schema,
    execute: () => Promise.resolve({ content: 'Submitted.' }),
  };
}
