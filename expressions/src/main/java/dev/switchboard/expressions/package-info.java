/**
 * JavaScript and {@code <<…>>} templates as tools use them. Today: parse-only checks for the
 * registry ({@link dev.switchboard.expressions.JavaScriptSyntax},
 * {@link dev.switchboard.expressions.Template}), which never run what they check. The run-engine
 * issue adds the sandboxed evaluator the orchestrator and executor share, on the same shared engine
 * and pooled contexts.
 */
package dev.switchboard.expressions;
