# The function and alias each example refers to (aws_lambda_function.example, aws_lambda_alias.example).
variable "function_name" { type = string }

resource "aws_lambda_function" "example" {
  function_name    = var.function_name
  filename         = "${path.root}/function.zip"
  source_code_hash = filebase64sha256("${path.root}/function.zip")
  role             = "arn:aws:iam::123456789012:role/example"
  handler          = "index.handler"
  runtime          = "python3.12"
  publish          = true
}

resource "aws_lambda_alias" "example" {
  name             = "example"
  function_name    = aws_lambda_function.example.function_name
  function_version = aws_lambda_function.example.version
}
