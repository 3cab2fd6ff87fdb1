package dev.dynakit.client.batch;

/**
 * How well a batch operation used its requests.
 *
 * @param items the writes applied, or the keys read
 * @param requests the BatchWriteItem or BatchGetItem requests sent
 * @param retries the requests that answered with something unprocessed, each followed by a wait
 * @param itemsResent the writes or keys sent again because DynamoDB left them unprocessed
 */
public record BatchReport(int items, int requests, int retries, int itemsResent) {

  /**
   * {@code items / (items + itemsResent)}: the share of what was sent that did not have to be sent
   * again; 1.0 when nothing was left unprocessed (and for an empty batch). Seed 001 aims for more
   * than 95 % under normal load.
   */
  public double efficiency() {
    int sent = items + itemsResent;
    return sent == 0 ? 1.0 : (double) items / sent;
  }
}
