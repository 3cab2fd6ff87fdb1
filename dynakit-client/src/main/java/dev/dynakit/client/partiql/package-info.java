/**
 * What the adapter reads of a PartiQL statement: the tables it names and whether it writes, and the
 * same statement with its table names changed; and the table a table ARN names ({@link
 * dev.dynakit.client.partiql.TableArns}). One scanner serves the policy gate, the table prefix and
 * the metrics, so all three agree on which table a request touches.
 */
package dev.dynakit.client.partiql;
