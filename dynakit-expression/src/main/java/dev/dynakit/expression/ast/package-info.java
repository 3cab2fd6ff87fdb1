/**
 * The immutable syntax trees of DynamoDB expressions, as parsed from text and before placeholders
 * are bound. Printing a tree ({@code toString()}) gives expression text that parses back to an
 * equal tree.
 *
 * <p>Built by the parser in {@code dev.dynakit.expression.internal}; read by the evaluator and by
 * anything that inspects expressions (the engine's planner, the adapter's builders and policy).
 */
package dev.dynakit.expression.ast;
