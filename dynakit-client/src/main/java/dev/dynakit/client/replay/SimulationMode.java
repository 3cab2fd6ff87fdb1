package dev.dynakit.client.replay;

/** How the adapter reaches DynamoDB (seed 001 §10.5), set by {@code DYNAKIT_MODE}. */
public enum SimulationMode {
  /** Requests go to the endpoint (the default). */
  LIVE,
  /** Requests go to the endpoint and every exchange is written to the recording. */
  RECORD,
  /** Requests are answered from the recording, with no network at all. */
  REPLAY,
  /** Requests go to an in-memory engine: the endpoint {@code embedded:}. */
  MOCK
}
