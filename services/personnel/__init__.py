"""The personnel service: cadre files, the posts catalogue, planning (quy hoạch), appointments
and terms (bổ nhiệm), confidential and with every read of a cadre file recorded."""
