"""What the demo's meetings say: agendas, chuyên đề of each quarter, reasons, superior cadres.

The cadres are invented people with plausible titles of cadres the provincial standing committee
manages (the ones Thái Bình's rule sends to branch meetings in the communes).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cadre:
    full_name: str
    title: str
    organisation_name: str


CADRES = (
    Cadre("Đinh Văn Hùng", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy",
          "Tỉnh ủy Ninh Bình"),
    Cadre("Trần Thị Thu Hằng", "Tỉnh ủy viên, Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
          "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình"),
    Cadre("Phạm Quang Ngọc", "Tỉnh ủy viên, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
          "Ủy ban Kiểm tra Tỉnh ủy Ninh Bình"),
    Cadre("Nguyễn Đức Thành", "Phó Trưởng Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy Ninh Bình"),
    Cadre("Bùi Thị Phương", "Giám đốc Sở Nội vụ", "Sở Nội vụ tỉnh Ninh Bình"),
    Cadre("Lê Minh Tuấn", "Phó Giám đốc Sở Nông nghiệp và Môi trường",
          "Sở Nông nghiệp và Môi trường tỉnh Ninh Bình"),
    Cadre("Vũ Hữu Nghĩa", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
          "Ủy ban MTTQ Việt Nam tỉnh Ninh Bình"),
    Cadre("Đặng Thị Ngọc Lan", "Phó Giám đốc Sở Giáo dục và Đào tạo",
          "Sở Giáo dục và Đào tạo tỉnh Ninh Bình"),
)

# the chuyên đề of each quarter, as a province would set them
THEMES = {
    "2025-Q4": "Quán triệt Chỉ thị 50-CT/TW về nâng cao chất lượng sinh hoạt chi bộ",
    "2026-Q1": "Học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "2026-Q2": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tự phê bình "
               "và phê bình",
    "2026-Q3": "Chuyển đổi số trong hoạt động của chi bộ; sử dụng Sổ tay đảng viên điện tử",
    "2026-Q4": "Thực hành tiết kiệm, chống lãng phí trong cơ quan, đơn vị và khu dân cư",
    "2027-Q1": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
}
FALLBACK_THEME = "Nâng cao năng lực lãnh đạo và sức chiến đấu của chi bộ"

WORK = {
    "village": "Phát triển kinh tế, xây dựng nông thôn mới của thôn",
    "commune_office": "Cải cách hành chính, chính quyền địa phương hai cấp",
    "school": "Công tác dạy và học, chất lượng giáo dục",
    "teachers": "Công tác giảng dạy lý luận chính trị",
    "police": "Bảo đảm an ninh, trật tự trên địa bàn",
    "military": "Công tác quân sự, quốc phòng địa phương",
    "clinic": "Chăm sóc sức khỏe ban đầu cho nhân dân",
    "hospital": "Khám, chữa bệnh và y đức",
    "agency": "Thực hiện nhiệm vụ chuyên môn của cơ quan",
}
SEASONAL = {1: "Chuẩn bị đón Tết, chăm lo gia đình chính sách",
            2: "Kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam (3/2)",
            5: "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
            7: "Chuẩn bị phòng, chống thiên tai mùa mưa bão",
            9: "Kỷ niệm Quốc khánh 2/9",
            12: "Tổng kết công tác năm, kiểm điểm, đánh giá, xếp loại đảng viên"}

EXCUSES = ("Ốm, điều trị tại bệnh viện", "Đi công tác", "Việc gia đình, có đơn xin phép",
           "Đi làm ăn xa, đã báo cáo chi ủy", "Chăm người nhà ốm", "Trực cơ quan")
RESCHEDULE_REASONS = ("Trùng lịch hội nghị của Đảng ủy xã", "Bí thư chi bộ đi công tác",
                      "Mưa lớn, đường ngập", "Trùng lịch tổ chức sự kiện của thôn")
CANCEL_REASONS = ("Mưa bão, ngập úng diện rộng", "Tập trung phòng, chống dịch bệnh gia cầm")


def theme_of(quarter: str) -> str:
    return THEMES.get(quarter, FALLBACK_THEME)


def agenda_for(kind: str, year: int, month: int, theme: str | None,
               thematic: bool = False) -> tuple[str, ...]:
    previous = 12 if month == 1 else month - 1
    if thematic:
        return (f"Chuyên đề: {theme}", "Thảo luận, liên hệ trách nhiệm của đảng viên",
                "Thông qua nghị quyết chuyên đề")
    items = [f"Đánh giá kết quả thực hiện nhiệm vụ tháng {previous}",
             f"Nhiệm vụ trọng tâm tháng {month}/{year}: {WORK.get(kind, WORK['agency'])}"]
    if month in SEASONAL:
        items.append(SEASONAL[month])
    if theme:
        items.append(f"Sinh hoạt chuyên đề: {theme}")
    items.append("Thu đảng phí; ý kiến của đảng viên")
    return tuple(items)
