"""The pages of the shared model, one module per area; ``base`` holds what every app's views use."""
