#!/usr/bin/env bash
# Sourced by deliver.sh and train.sh: whether credentials for AWS and GCP can be found without calling the cloud (the
# variables and files the AWS CLI/SDKs and Google's client libraries read). A role or metadata server is invisible here:
# callers let MLOPS_SKIP_CREDENTIAL_CHECK=1 skip the check.

has_aws_credentials() {
  [[ -n ${AWS_ACCESS_KEY_ID:-} || -n ${AWS_PROFILE:-} || -n ${AWS_WEB_IDENTITY_TOKEN_FILE:-} \
    || -n ${AWS_CONTAINER_CREDENTIALS_FULL_URI:-} || -n ${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-} \
    || -f ${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials} || -f ${AWS_CONFIG_FILE:-$HOME/.aws/config} ]]
}

has_gcp_credentials() {
  [[ -n ${GOOGLE_APPLICATION_CREDENTIALS:-} || -n ${GOOGLE_CREDENTIALS:-} || -n ${GOOGLE_OAUTH_ACCESS_TOKEN:-} \
    || -n ${CLOUDSDK_AUTH_ACCESS_TOKEN:-} || -f $HOME/.config/gcloud/application_default_credentials.json ]]
}
