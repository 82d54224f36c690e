import { z, type ZodType } from 'zod';
import type { AgentTool, ToolContext, ToolOutcome, ToolUnion } from '../types.js';

/**
 * A custom tool definition (`{name, description, input_schema}`) whose JSON Schema is generated
 * from the zod schema the loop validates with (zod 4's `z.toJSONSchema`), so the two never drift.
 * Contract: https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 *
 * @throws Error when the schema is not an object schema (`input_schema.type` must be `object`)
 */
export function customToolDefinition(name: string, description: string, schema: ZodType): ToolUnion {
  // io: 'input' — the schema describes what the model sends (fields with defaults are optional).
  const json = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  if (json['type'] !== 'object') throw new Error(`tool ${name}: the input schema must be a z.object(...)`);
  delete json['$schema'];
  return { name, description, input_schema: json as { type: 'object' } & Record<string, unknown> };
}

/**
 * A custom tool as data (STYLE.md: name, schema, description, `execute`): the definition is built
 * from `schema`, and the loop validates the model's input against it before `execute` sees it.
 */
export function defineTool<S extends ZodType>(
  name: string,
  description: string,
  schema: S,
  execute: (input: z.infer<S>, ctx: ToolContext) => Promise<ToolOutcome>,
): AgentTool {
  return { name, definition: customToolDefinition(name, description, schema), inputSchema: schema, execute: (raw, ctx) => execute(raw as z.infer<S>, ctx) };
}
