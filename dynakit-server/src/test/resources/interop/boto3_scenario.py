"""A DynamoDB scenario run with boto3 against the endpoint given as the first argument.

Prints one JSON object: what each step answered, for the Java test to check. Exits 3 if boto3 is
missing, so the test can tell "not installed" from "failed".
"""
import json
import sys

try:
    import boto3
    from botocore.exceptions import ClientError
except ImportError:
    sys.exit(3)

endpoint = sys.argv[1]
ddb = boto3.client(
    "dynamodb",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="x",
    aws_secret_access_key="x",
)
out = {}

created = ddb.create_table(
    TableName="orders",
    AttributeDefinitions=[
        {"AttributeName": "customer", "AttributeType": "S"},
        {"AttributeName": "order", "AttributeType": "S"},
        {"AttributeName": "status", "AttributeType": "S"},
    ],
    KeySchema=[
        {"AttributeName": "customer", "KeyType": "HASH"},
        {"AttributeName": "order", "KeyType": "RANGE"},
    ],
    GlobalSecondaryIndexes=[
        {
            "IndexName": "byStatus",
            "KeySchema": [
                {"AttributeName": "status", "KeyType": "HASH"},
                {"AttributeName": "order", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
    BillingMode="PAY_PER_REQUEST",
)
out["createdIndexes"] = [i["IndexName"] for i in created["TableDescription"]["GlobalSecondaryIndexes"]]

ddb.get_waiter("table_exists").wait(TableName="orders", WaiterConfig={"Delay": 1, "MaxAttempts": 10})
out["status"] = ddb.describe_table(TableName="orders")["Table"]["TableStatus"]


def order(customer, number, status, total):
    return {
        "customer": {"S": customer},
        "order": {"S": number},
        "status": {"S": status},
        "total": {"N": str(total)},
    }


ddb.put_item(TableName="orders", Item=order("ann", "o1", "open", 10))
ddb.put_item(TableName="orders", Item=order("ann", "o2", "shipped", 25))
ddb.put_item(TableName="orders", Item=order("bob", "o3", "open", 7))

got = ddb.get_item(TableName="orders", Key={"customer": {"S": "ann"}, "order": {"S": "o2"}})
out["got"] = got["Item"]["total"]["N"]

queried = ddb.query(
    TableName="orders",
    KeyConditionExpression="customer = :c",
    ExpressionAttributeValues={":c": {"S": "ann"}},
)
out["queried"] = [i["order"]["S"] for i in queried["Items"]]

by_status = ddb.query(
    TableName="orders",
    IndexName="byStatus",
    KeyConditionExpression="#s = :s",
    ExpressionAttributeNames={"#s": "status"},
    ExpressionAttributeValues={":s": {"S": "open"}},
)
out["open"] = sorted(i["order"]["S"] for i in by_status["Items"])

out["scanned"] = ddb.scan(TableName="orders")["Count"]

updated = ddb.update_item(
    TableName="orders",
    Key={"customer": {"S": "ann"}, "order": {"S": "o1"}},
    UpdateExpression="SET #t = #t + :d",
    ExpressionAttributeNames={"#t": "total"},
    ExpressionAttributeValues={":d": {"N": "5"}},
    ReturnValues="ALL_NEW",
)
out["updated"] = updated["Attributes"]["total"]["N"]

try:
    ddb.put_item(
        TableName="orders",
        Item=order("ann", "o1", "open", 1),
        ConditionExpression="attribute_not_exists(customer)",
    )
    out["conditional"] = "accepted"
except ClientError as e:
    out["conditional"] = e.response["Error"]["Code"]
    out["conditionalStatus"] = e.response["ResponseMetadata"]["HTTPStatusCode"]

written = ddb.batch_write_item(
    RequestItems={
        "orders": [{"PutRequest": {"Item": order("cat", "o%d" % n, "open", n)}} for n in range(10, 35)]
    }
)
out["unprocessed"] = len(written["UnprocessedItems"])

batch = ddb.batch_get_item(
    RequestItems={
        "orders": {
            "Keys": [
                {"customer": {"S": "cat"}, "order": {"S": "o10"}},
                {"customer": {"S": "cat"}, "order": {"S": "o34"}},
                {"customer": {"S": "nobody"}, "order": {"S": "o1"}},
            ]
        }
    }
)
out["batchGot"] = sorted(i["order"]["S"] for i in batch["Responses"]["orders"])

ddb.transact_write_items(
    TransactItems=[
        {"Put": {"TableName": "orders", "Item": order("dan", "o50", "open", 50)}},
        {
            "Update": {
                "TableName": "orders",
                "Key": {"customer": {"S": "bob"}, "order": {"S": "o3"}},
                "UpdateExpression": "SET #s = :s",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": {":s": {"S": "shipped"}},
            }
        },
    ]
)
try:
    ddb.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": "orders", "Item": order("eve", "o60", "open", 60)}},
            {
                "ConditionCheck": {
                    "TableName": "orders",
                    "Key": {"customer": {"S": "bob"}, "order": {"S": "o3"}},
                    "ConditionExpression": "#s = :s",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":s": {"S": "open"}},
                }
            },
        ]
    )
    out["cancelled"] = "committed"
except ClientError as e:
    out["cancelled"] = e.response["Error"]["Code"]
    out["reasons"] = [r["Code"] for r in e.response.get("CancellationReasons", [])]

transact = ddb.transact_get_items(
    TransactItems=[
        {"Get": {"TableName": "orders", "Key": {"customer": {"S": "dan"}, "order": {"S": "o50"}}}},
        {"Get": {"TableName": "orders", "Key": {"customer": {"S": "bob"}, "order": {"S": "o3"}}}},
        {"Get": {"TableName": "orders", "Key": {"customer": {"S": "eve"}, "order": {"S": "o60"}}}},
    ]
)
out["transactGot"] = [r.get("Item", {}).get("status", {}).get("S") for r in transact["Responses"]]

selected = ddb.execute_statement(
    Statement='SELECT "order", total FROM orders WHERE customer = ?',
    Parameters=[{"S": "ann"}],
)
out["selected"] = [i["order"]["S"] for i in selected["Items"]]
ddb.execute_statement(Statement="INSERT INTO orders VALUE {'customer': 'fay', 'order': 'o70', 'status': 'open'}")
try:
    ddb.execute_statement(Statement="INSERT INTO orders VALUE {'customer': 'fay', 'order': 'o70'}")
    out["duplicate"] = "accepted"
except ClientError as e:
    out["duplicate"] = e.response["Error"]["Code"]
statements = ddb.batch_execute_statement(
    Statements=[
        {"Statement": "SELECT status FROM orders WHERE customer = 'fay' AND \"order\" = 'o70'"},
        {"Statement": "SELECT status FROM orders WHERE customer = 'nobody' AND \"order\" = 'o1'"},
    ]
)
out["batchStatements"] = [r.get("Item", {}).get("status", {}).get("S") for r in statements["Responses"]]
ddb.execute_transaction(
    TransactStatements=[
        {"Statement": "DELETE FROM orders WHERE customer = 'fay' AND \"order\" = 'o70'"},
        {"Statement": "EXISTS(SELECT * FROM orders WHERE customer = 'dan' AND \"order\" = 'o50')"},
    ]
)

deleted = ddb.delete_item(
    TableName="orders",
    Key={"customer": {"S": "ann"}, "order": {"S": "o2"}},
    ReturnValues="ALL_OLD",
)
out["deleted"] = deleted["Attributes"]["order"]["S"]
out["finalCount"] = ddb.scan(TableName="orders", Select="COUNT")["Count"]

ddb.delete_table(TableName="orders")
out["tablesAfter"] = ddb.list_tables()["TableNames"]

print(json.dumps(out, sort_keys=True))
