/**
 * Loads every part of the action that is otherwise loaded on demand — the lazily imported
 * orchestrator chunks of the bundle (`dist/NNN.index.js`) and the prompt templates — before the
 * first command the model causes (issue #9: code the action loads after the coder ran must not be
 * something the coder could have written). The action's directory is hidden from the sandbox as
 * well; this is the second layer.
 */
import { loadProvider } from '../agent/model.js';
import type { Provider } from '../agent/model.js';
import { preloadPrompts } from '../prompts.js';

/**
 * @param provider the model provider in use: its SDK chunk (Bedrock, Vertex) is loaded too
 * @returns how many modules and templates were loaded (for the log)
 */
export async function preloadActionCode(provider: Provider = 'anthropic'): Promise<{ modules: number; prompts: number }> {
  const modules = await Promise.all([import('./control.js'), import('./feedback.js'), import('./batch.js'), import('./task.js'), import('./learn.js'), import('./automation.js'), loadProvider(provider)]);
  return { modules: modules.length, prompts: preloadPrompts().length };
}
