/**
 * JavaScript and {@code <<…>>} templates as tools use them: parse-only checks for the registry
 * ({@link dev.switchboard.expressions.JavaScriptSyntax}, {@link dev.switchboard.expressions.Template});
 * the run-engine issue adds the sandboxed evaluator the orchestrator and executor share.
 */
package dev.switchboard.expressions;
