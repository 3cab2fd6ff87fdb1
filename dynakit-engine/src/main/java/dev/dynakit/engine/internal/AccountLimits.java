package dev.dynakit.engine.internal;

import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.Endpoint;

/**
 * DescribeLimits and DescribeEndpoints. DescribeLimits answers AWS's default quotas of provisioned
 * capacity, as DynamoDB Local does: 80,000 read and 80,000 write capacity units an account, 40,000
 * of each a table. DescribeEndpoints, which DynamoDB Local refuses, answers as the API reference
 * says: one endpoint, {@code dynamodb.<region>.amazonaws.com}, to be cached for 1,440 minutes.
 */
final class AccountLimits {
  static final long ACCOUNT_MAX_UNITS = 80_000;
  static final long TABLE_MAX_UNITS = 40_000;
  static final long CACHE_MINUTES = 1_440;

  private final String region;

  AccountLimits(String region) {
    this.region = region;
  }

  DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
    return DescribeLimitsResponse.builder()
        .accountMaxReadCapacityUnits(ACCOUNT_MAX_UNITS)
        .accountMaxWriteCapacityUnits(ACCOUNT_MAX_UNITS)
        .tableMaxReadCapacityUnits(TABLE_MAX_UNITS)
        .tableMaxWriteCapacityUnits(TABLE_MAX_UNITS)
        .build();
  }

  DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
    return DescribeEndpointsResponse.builder()
        .endpoints(
            Endpoint.builder()
                .address("dynamodb." + region + ".amazonaws.com")
                .cachePeriodInMinutes(CACHE_MINUTES)
                .build())
        .build();
  }
}
