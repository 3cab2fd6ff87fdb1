/**
 * The document store: JSON-like documents by {@code _id} in one table per collection, created on
 * first use; and {@link dev.dynakit.client.document.TableCopy}, which moves every item of a table
 * from one endpoint to another.
 */
package dev.dynakit.client.document;
