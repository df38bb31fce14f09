"""The single account: users, organisations, representatives, staff memberships, sign-in."""
