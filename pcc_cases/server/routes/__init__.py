"""The API's route handlers, one module per part of the API."""
