/**
 * DynamoDB's PartiQL: {@link dev.dynakit.expression.partiql.PartiqlParser} turns a statement into a
 * {@link dev.dynakit.expression.partiql.Statement} (SELECT, INSERT, UPDATE, DELETE, EXISTS) of
 * {@link dev.dynakit.expression.partiql.Expr} trees, refusing what DynamoDB refuses as not well
 * formed. The engine executes the trees; the adapter reads a statement's tables and kind from them.
 */
package dev.dynakit.expression.partiql;
