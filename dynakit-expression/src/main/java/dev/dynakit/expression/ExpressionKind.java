package dev.dynakit.expression;

/** The expression parameters of DynamoDB requests; each words its errors with its own name. */
public enum ExpressionKind {
  CONDITION("ConditionExpression"),
  FILTER("FilterExpression"),
  KEY_CONDITION("KeyConditionExpression"),
  UPDATE("UpdateExpression"),
  PROJECTION("ProjectionExpression");

  private final String parameterName;

  ExpressionKind(String parameterName) {
    this.parameterName = parameterName;
  }

  /** The request parameter, as DynamoDB names it: {@code ConditionExpression}. */
  public String parameterName() {
    return parameterName;
  }

  /**
   * The prefix of DynamoDB's messages about this parameter: {@code Invalid ConditionExpression: }.
   */
  public String errorPrefix() {
    return "Invalid " + parameterName + ": ";
  }
}
