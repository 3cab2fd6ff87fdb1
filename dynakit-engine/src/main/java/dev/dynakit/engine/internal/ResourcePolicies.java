package dev.dynakit.engine.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyResponse;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on table and stream ARNs, with
 * DynamoDB's checks and words: the ARN, the document ({@link PolicyDocuments}), {@code
 * ExpectedRevisionId} ({@code NO_POLICY} for none) and {@code ConfirmRemoveSelfResourceAccess}. A
 * {@code RevisionId} is the time of the change in epoch milliseconds by the engine's clock, one
 * more than the last when the clock has not moved on; attaching an equivalent document again keeps
 * it ({@link PolicyDocuments#check} says which are). The document is kept as DynamoDB gives it back
 * ({@link PolicyDocuments#text}). Policies are kept with their table ({@link Table#changePolicy})
 * and gone with it. The engine keeps them and does not enforce them (docs/compatibility.md);
 * DynamoDB Local serves none of this.
 */
final class ResourcePolicies {
  static final String NO_POLICY = "NO_POLICY";
  private static final String INVALID = "One or more parameter values were invalid: ";
  private static final String NOT_FOUND =
      "Resource-based policy not found for the provided ResourceArn: ";
  private static final int MAX_ARN = 1283;
  private static final int MAX_REVISION = 255;

  private final Clock clock;
  private final Tables tables;
  private final AtomicLong lastRevision = new AtomicLong();

  ResourcePolicies(Clock clock, Tables tables) {
    this.clock = clock;
    this.tables = tables;
  }

  /** A table's policy as CreateTable attaches it, from what {@link PolicyDocuments#check} said. */
  static GetResourcePolicyResponse attached(Object document, Instant at) {
    return GetResourcePolicyResponse.builder()
        .policy(PolicyDocuments.text(document))
        .revisionId(Long.toString(at.toEpochMilli()))
        .build();
  }

  PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
    checkArnGiven(request.resourceArn());
    if (request.policy() == null) {
      throw Errors.validation(
          "1 validation error detected: Value null at 'policy' failed to satisfy constraint:"
              + " Member must not be null");
    }
    checkRevisionLength(request.expectedRevisionId());
    Resource resource = resource(request.resourceArn());
    Object document = PolicyDocuments.check(request.policy());
    String[] revision = new String[1];
    resource.table.changePolicy(
        resource.part,
        current -> {
          checkExpected(request.expectedRevisionId(), current, resource);
          if (current != null && PolicyDocuments.check(current.policy()).equals(document)) {
            revision[0] = current.revisionId();
            return current;
          }
          if (PolicyDocuments.locksOutAccount(document)
              && !Boolean.TRUE.equals(request.confirmRemoveSelfResourceAccess())) {
            throw Errors.accessDenied(
                "The policy denies this account dynamodb:PutResourcePolicy on "
                    + request.resourceArn()
                    + ", which would keep it from changing the policy again: set"
                    + " ConfirmRemoveSelfResourceAccess to true to attach it");
          }
          revision[0] = nextRevision(current);
          return GetResourcePolicyResponse.builder()
              .policy(PolicyDocuments.text(document))
              .revisionId(revision[0])
              .build();
        });
    return PutResourcePolicyResponse.builder().revisionId(revision[0]).build();
  }

  GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
    checkArnGiven(request.resourceArn());
    Resource resource = resource(request.resourceArn());
    GetResourcePolicyResponse policy = resource.table.policy(resource.part);
    if (policy == null) {
      throw Errors.policyNotFound(NOT_FOUND + request.resourceArn());
    }
    return policy;
  }

  DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
    checkArnGiven(request.resourceArn());
    checkRevisionLength(request.expectedRevisionId());
    Resource resource = resource(request.resourceArn());
    String[] removed = new String[1];
    resource.table.changePolicy(
        resource.part,
        current -> {
          checkExpected(request.expectedRevisionId(), current, resource);
          removed[0] = current == null ? null : current.revisionId();
          return null;
        });
    return DeleteResourcePolicyResponse.builder().revisionId(removed[0]).build();
  }

  /** The next revision: now in milliseconds, after every revision given before. */
  private String nextRevision(GetResourcePolicyResponse current) {
    long floor = current == null ? 0 : parseOrZero(current.revisionId()) + 1;
    long now = Math.max(clock.millis(), floor);
    return Long.toString(lastRevision.accumulateAndGet(now, (last, at) -> Math.max(last + 1, at)));
  }

  private static long parseOrZero(String revision) {
    try {
      return Long.parseLong(revision);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Refuses a change whose ExpectedRevisionId is not the current policy's, in DynamoDB's words. */
  private static void checkExpected(
      String expected, GetResourcePolicyResponse current, Resource resource) {
    if (expected == null) {
      return;
    }
    if (current == null) {
      if (!NO_POLICY.equals(expected)) {
        throw Errors.policyNotFound(
            NOT_FOUND
                + "Requested update for policy with revision id "
                + expected
                + ", but table "
                + resource.table.name()
                + " has no associated policy.");
      }
      return;
    }
    if (NO_POLICY.equals(expected)) {
      throw Errors.policyNotFound(
          NOT_FOUND
              + "Requested policy update expecting none to be present for table "
              + resource.table.name()
              + ", but a policy exists with revision id "
              + current.revisionId()
              + ".");
    }
    if (!expected.equals(current.revisionId())) {
      throw Errors.policyNotFound(
          NOT_FOUND
              + "Requested update for policy with revision id "
              + expected
              + ", but the policy associated to target table "
              + resource.table.name()
              + " has revision id "
              + current.revisionId()
              + ".");
    }
  }

  private static void checkArnGiven(String arn) {
    if (arn == null) {
      throw Errors.validation(
          "1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint:"
              + " Member must not be null");
    }
    if (arn.isEmpty() || arn.length() > MAX_ARN) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + arn
              + "' at 'resourceArn' failed to satisfy constraint: Member must have length "
              + (arn.isEmpty()
                  ? "greater than or equal to 1"
                  : "less than or equal to " + MAX_ARN));
    }
  }

  private static void checkRevisionLength(String revision) {
    if (revision != null && (revision.isEmpty() || revision.length() > MAX_REVISION)) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + revision
              + "' at 'expectedRevisionId' failed to satisfy constraint: Member must have length "
              + (revision.isEmpty()
                  ? "greater than or equal to 1"
                  : "less than or equal to " + MAX_REVISION));
    }
  }

  /** A table, or one of its streams ({@code part} {@code stream/<label>}), a policy is kept on. */
  private record Resource(Table table, String part) {}

  /** The table or stream an ARN names, or DynamoDB's error for an ARN it refuses. */
  private Resource resource(String arn) {
    if (!TableArns.isArn(arn)) {
      throw Errors.validation(INVALID + "ARNs must start with 'arn:': " + arn);
    }
    // A stream's label holds ':', so the resource is all that follows the fifth.
    String[] parts = arn.split(":", 6);
    if (parts.length != 6
        || !TableArns.PARTITION.equals(parts[1])
        || !TableArns.SERVICE.equals(parts[2])
        || !tables.region().equals(parts[3])
        || parts[5].indexOf('/') < 0) {
      throw Errors.validation(INVALID + "Invalid resource Arn: " + arn);
    }
    if (!Tables.ACCOUNT.equals(parts[4])) {
      throw Errors.validation(
          "This action is only supported by accounts that match the resource owner’s account.");
    }
    String type = parts[5].substring(0, parts[5].indexOf('/'));
    String[] path = parts[5].substring(type.length() + 1).split("/", -1);
    if (!TableArns.TABLE.equals(type)
        || (path.length != 1 && path.length != 3)
        || (path.length == 3 && !path[1].equals("stream") && !path[1].equals("index"))) {
      throw Errors.validation(INVALID + "Provided Arn is not a DynamoDB resource arn: " + arn);
    }
    if (path.length == 3 && path[1].equals("index")) {
      throw Errors.validation(
          INVALID
              + "Invalid resource arn provided, only table or stream is accepted. Provided"
              + " resource arn: "
              + arn);
    }
    if (!Tables.isValidName(path[0])) {
      throw Errors.validation(INVALID + "Invalid resource Arn: " + arn);
    }
    Table table = tables.find(path[0]);
    if (table == null) {
      throw Errors.resourceNotFound(
          "Requested resource not found: Table: " + path[0] + " not found");
    }
    if (path.length == 1) {
      return new Resource(table, "");
    }
    String label = path[2];
    if (!label.equals(table.created().latestStreamLabel())) {
      throw Errors.resourceNotFound(
          "Requested resource not found: Stream: " + label + " not found for Table: " + path[0]);
    }
    return new Resource(table, "stream/" + label);
  }
}
