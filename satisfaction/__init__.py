"""Satisfaction surveys, complaints and suggestions, the service index and published results."""
