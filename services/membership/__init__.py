"""Membership: party organisations (the tree) and party members (tổ chức đảng và đảng viên)."""
