/**
 * A Model Context Protocol server that gives AI agents DynamoDB through the adapter: one tool per
 * verb of {@link dev.dynakit.client.Dynakit#call}, behind the adapter's policy gates, with capped,
 * paged reads and an audit line per call. Start it with {@link dev.dynakit.mcp.DynakitMcp#stdio} or
 * {@link dev.dynakit.mcp.DynakitMcp#http}, or from the command line with {@link
 * dev.dynakit.mcp.Main}.
 */
package dev.dynakit.mcp;
