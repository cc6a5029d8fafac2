"""The evaluations service: the year-end quality evaluation and classification (đánh giá, xếp
loại chất lượng) of party members and party organisations, with the quota rules."""
