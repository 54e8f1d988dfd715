resource "aws_lambda_function_event_invoke_config" "example" {
  function_name = aws_lambda_alias.example.function_name

  destination_config {
    on_failure {
      destination = "arn:aws:sqs:us-east-1:123456789012:example"
    }

    on_success {
      destination = "arn:aws:sns:us-east-1:123456789012:example"
    }
  }
}
