/**
 * The GraalJS sandbox and the {@code <<...>>} template engine shared by the orchestrator and
 * the executor. Empty until the run-engine issue; the module exists so the build layout and
 * the ArchUnit rules ("services share only contracts and expressions") hold from day one.
 */
package dev.switchboard.expressions;
