"""The demo's geography: Yên Mô district of Ninh Bình as it stood before 1 July 2025.

The article in seeds/ counts 7,697 members in 59 organisations directly under the district
(20 đảng bộ, 39 chi bộ) and 323 chi bộ under the commune and town committees. The 17 commune-level
units are real; village names are plausible, not a census. The 2025 merge groups approximate the
real Ninh Bình arrangement (three old communes into one new commune, mostly).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Commune:
    place: str  # "xã Yên Thành": how a hometown names it
    established: date
    villages: tuple[str, ...]  # branch names


def _villages(prefix: str, names: str) -> tuple[str, ...]:
    return tuple(f"Chi bộ {prefix} {n.strip()}" for n in names.split(","))


COMMUNES: tuple[Commune, ...] = (
    Commune("thị trấn Yên Thịnh", date(1986, 4, 1), _villages(
        "phố", "Bắc Thịnh, Nam Thịnh, Đông Thịnh, Tây Thịnh, Trung Thịnh, Tân Thịnh, Phong Lai, "
               "Yên Bình, Thịnh Hòa, Lạc Hiền, Khương Dụ")),
    Commune("xã Yên Thành", date(1947, 3, 1), _villages(
        "thôn", "Kênh, Bạch Liên, Quảng Từ, Yên Thổ, Cầu Lác, Đông Cao, Thành Ngọc, Sa Lung, "
                "Mưỡu Giáp, Đoài Thôn, Bắc Thành, Tiên Dương, Phúc Lại")),
    Commune("xã Yên Thái", date(1947, 3, 1), _villages(
        "thôn", "Quảng Phúc, Yên Lữ, Tu Đồng, Bình Hải, Thái Bình, Lồng Hạ, Yên Phú, Đông Thái, "
                "Mỹ Thượng, Đồng Mỹ, Văn Bòng, Thái Hòa")),
    Commune("xã Yên Hòa", date(1947, 3, 1), _villages(
        "thôn", "Hòa Lạc, Bình Hòa, Tân Hòa, Yên Hòa, Phúc Hòa, Hòa Bình, Đông Hòa, Trung Hòa, "
                "Nam Hòa, Hòa Thuận, Hòa Tiến")),
    Commune("xã Yên Phong", date(1947, 3, 1), _villages(
        "thôn", "Phù Sa, Ngọc Lâm, Phong Lạc, Đông Phong, Tây Phong, Quyết Thắng, Phong Lai, "
                "Yên Thổ, Đồng Đinh, Phong Hải, Trung Phong, Bắc Phong")),
    Commune("xã Yên Mạc", date(1947, 3, 1), _villages(
        "thôn", "Thượng, Hạ, Trung, Đông, Bắc, Nam, Trại, Đồng, Mạc Sơn, Yên Hạ, Chợ Mạc, "
                "Hợp Thịnh, Tiền Phong, Yên Mạc")),
    Commune("xã Yên Lâm", date(1947, 3, 1), _villages(
        "thôn", "Lâm Sơn, Hoàng Sơn, Đông Lâm, Tây Lâm, Bình Sơn, Thanh Lâm, Trung Lâm, Phú Lâm, "
                "Lâm Thượng, Lâm Hạ, Mỹ Lâm, Yên Sơn")),
    Commune("xã Yên Mỹ", date(1947, 3, 1), _villages(
        "thôn", "Côi Trì, Ngọc Mỹ, Đông Mỹ, Tây Mỹ, Mỹ Hòa, Mỹ Thành, Mỹ Lộc, Mỹ Tiến, Mỹ Trung, "
                "Mỹ Yên, Bình Mỹ, Mỹ Phúc")),
    Commune("xã Yên Thắng", date(1947, 3, 1), _villages(
        "thôn", "Bình Thắng, Đông Thắng, Tây Thắng, Nam Thắng, Bắc Thắng, Quyết Thắng, Tân Thắng, "
                "Thắng Lợi, Trung Thắng, Hạ Thắng, Thượng Thắng, Yên Thắng")),
    Commune("xã Yên Từ", date(1947, 3, 1), _villages(
        "thôn", "Quảng Từ, Bình Từ, Tuần Lễ, Vân Mộng, Đông Từ, Tây Từ, Trung Từ, Phúc Từ, "
                "Lạc Từ, Tân Từ, Hòa Từ, Yên Từ")),
    Commune("xã Yên Nhân", date(1947, 3, 1), _villages(
        "thôn", "Nhân Lý, Nhân Phú, Nhân Hòa, Nhân Thịnh, Nhân Lộc, Nhân Trung, Nhân Nghĩa, "
                "Nhân Hậu, Nhân Thành, Nhân Mỹ, Nhân Phúc")),
    Commune("xã Yên Đồng", date(1947, 3, 1), _villages(
        "thôn", "Trung Đồng, Bắc Đồng, Nam Đồng, Đông Đồng, Tây Đồng, Đồng Tâm, Đồng Tiến, "
                "Đồng Lạc, Đồng Phú, Đồng Hòa, Đồng Thuận, Quảng Phúc, Đồng Sơn, Đồng Hưng")),
    Commune("xã Khánh Thượng", date(1948, 6, 1), _villages(
        "xóm", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13")),
    Commune("xã Khánh Dương", date(1948, 6, 1), _villages(
        "xóm", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12")),
    Commune("xã Khánh Thịnh", date(1948, 6, 1), _villages(
        "xóm", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14")),
    Commune("xã Mai Sơn", date(1956, 5, 1), _villages(
        "thôn", "Mai Trung, Mai Thượng, Mai Hạ, Mai Đông, Mai Tây, Sơn Hà, Sơn Lai, Mai Sơn, "
                "Mai Phương, Sơn Thành")),
    Commune("xã Yên Hưng", date(1947, 3, 1), _villages(
        "thôn", "Hưng Thịnh, Hưng Phúc, Hưng Lộc, Đông Hưng, Tây Hưng, Nam Hưng, Bắc Hưng, "
                "Trung Hưng, Hưng Long, Hưng Thái, Hưng Bình, Hưng Hòa, Hưng Yên")),
)

# Branches a commune committee keeps beside its villages: (kind, name pattern, established, size).
COMMUNE_INSTITUTIONS = (
    ("commune_office", "Chi bộ Cơ quan {place}", date(1958, 1, 1), (16, 30)),
    ("police", "Chi bộ Công an {place}", date(2020, 8, 19), (4, 9)),
    ("school", "Chi bộ Trường THCS {name}", date(1968, 9, 1), (7, 16)),
    ("school", "Chi bộ Trường Tiểu học {name}", date(1975, 9, 1), (6, 14)),
    ("school", "Chi bộ Trường Mầm non {name}", date(1998, 9, 1), (5, 12)),
    ("military", "Chi bộ Quân sự {place}", date(1996, 3, 1), (3, 6)),
    ("clinic", "Chi bộ Trạm Y tế {place}", date(1978, 3, 1), (3, 6)),
)

# Grassroots committees directly under the district, with their branches.
DISTRICT_COMMITTEES = (
    ("police", "Đảng bộ Công an huyện Yên Mô", date(1952, 2, 1), (8, 20), (
        "Chi bộ Đội An ninh", "Chi bộ Đội Cảnh sát điều tra tội phạm về trật tự xã hội",
        "Chi bộ Đội Cảnh sát giao thông - Trật tự", "Chi bộ Đội Tham mưu - Tổng hợp",
        "Chi bộ Đội Cảnh sát quản lý hành chính về trật tự xã hội",
        "Chi bộ Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp")),
    ("military", "Đảng bộ Quân sự huyện Yên Mô", date(1950, 5, 1), (5, 12), (
        "Chi bộ Tham mưu", "Chi bộ Chính trị", "Chi bộ Hậu cần - Kỹ thuật", "Chi bộ Dân quân")),
    ("hospital", "Đảng bộ Trung tâm Y tế huyện Yên Mô", date(1962, 7, 1), (8, 20), (
        "Chi bộ Khối Nội - Nhi - Truyền nhiễm", "Chi bộ Khối Ngoại - Sản",
        "Chi bộ Khám bệnh - Cấp cứu", "Chi bộ Cận lâm sàng - Dược",
        "Chi bộ Hành chính - Y tế dự phòng")),
)

# Grassroots branches directly under the district: (kind, name, established, size).
# The district's own agencies end on 1/7/2025 (their members move to the new communes);
# state bodies in the area, schools and companies move under the province.
DISTRICT_AGENCIES_ENDING = tuple(
    ("agency", f"Chi bộ {name}", established, size) for name, established, size in (
        ("Cơ quan Văn phòng Huyện ủy", date(1947, 1, 15), (10, 18)),
        ("Cơ quan Ban Tổ chức - Ủy ban Kiểm tra Huyện ủy", date(1960, 3, 1), (8, 14)),
        ("Cơ quan Ban Tuyên giáo - Dân vận Huyện ủy", date(1962, 3, 1), (6, 11)),
        ("Văn phòng HĐND và UBND huyện", date(1950, 1, 1), (12, 22)),
        ("Cơ quan Ủy ban MTTQ và các đoàn thể huyện", date(1955, 1, 1), (10, 18)),
        ("Phòng Giáo dục và Đào tạo", date(1965, 1, 1), (8, 14)),
        ("Phòng Tài chính - Kế hoạch", date(1976, 1, 1), (6, 11)),
        ("Phòng Nông nghiệp và Phát triển nông thôn", date(1965, 6, 1), (7, 13)),
        ("Phòng Tài nguyên và Môi trường", date(2003, 1, 1), (5, 10)),
        ("Phòng Kinh tế và Hạ tầng", date(2009, 1, 1), (5, 10)),
        ("Phòng Lao động - Thương binh và Xã hội", date(1976, 1, 1), (5, 9)),
        ("Phòng Văn hóa và Thông tin", date(1976, 1, 1), (4, 8)),
        ("Phòng Tư pháp - Thanh tra huyện", date(1990, 1, 1), (5, 9)),
        ("Phòng Nội vụ", date(2008, 1, 1), (4, 8)),
        ("Trung tâm Văn hóa, Thể thao và Truyền thông", date(1996, 1, 1), (6, 12)),
        ("Ban Quản lý dự án đầu tư xây dựng huyện", date(2005, 1, 1), (5, 10)),
        ("Trung tâm Chính trị huyện", date(1980, 1, 1), (4, 7)),
        ("Trung tâm Phát triển quỹ đất huyện", date(2011, 1, 1), (3, 6)),
    )
)
DISTRICT_BRANCHES_MOVING = tuple(
    (kind, f"Chi bộ {name}", established, size) for kind, name, established, size in (
        ("school", "Trường THPT Yên Mô A", date(1965, 9, 1), (20, 32)),
        ("school", "Trường THPT Yên Mô B", date(1971, 9, 1), (18, 30)),
        ("school", "Trường THPT Tạ Uyên", date(2007, 9, 1), (12, 22)),
        ("school", "Trung tâm GDNN - GDTX huyện Yên Mô", date(1985, 9, 1), (6, 12)),
        ("agency", "Tòa án nhân dân huyện Yên Mô", date(1960, 1, 1), (6, 10)),
        ("agency", "Viện Kiểm sát nhân dân huyện Yên Mô", date(1960, 7, 26), (6, 10)),
        ("agency", "Chi cục Thi hành án dân sự huyện Yên Mô", date(1993, 7, 1), (5, 9)),
        ("agency", "Chi cục Thuế huyện Yên Mô", date(1990, 10, 1), (10, 18)),
        ("agency", "Kho bạc Nhà nước Yên Mô", date(1990, 4, 1), (6, 10)),
        ("agency", "Bảo hiểm xã hội huyện Yên Mô", date(1996, 1, 1), (6, 12)),
        ("agency", "Ngân hàng Chính sách xã hội huyện Yên Mô", date(2003, 3, 1), (6, 11)),
        ("agency", "Agribank chi nhánh huyện Yên Mô", date(1988, 7, 1), (10, 18)),
        ("agency", "Chi cục Thống kê huyện Yên Mô", date(1976, 1, 1), (3, 6)),
        ("agency", "Văn phòng Đăng ký đất đai chi nhánh Yên Mô", date(2016, 1, 1), (4, 8)),
        ("company", "Điện lực Yên Mô", date(1995, 1, 1), (10, 18)),
        ("company", "Bưu điện huyện Yên Mô", date(1962, 1, 1), (4, 8)),
        ("company", "Công ty TNHH MTV Khai thác công trình thủy lợi Yên Mô", date(1976, 1, 1),
         (10, 20)),
        ("company", "Công ty Cổ phần May Yên Mô", date(2012, 5, 1), (6, 14)),
        ("company", "Hạt Quản lý đê Yên Mô", date(1978, 1, 1), (3, 6)),
        ("agency", "Hạt Kiểm lâm huyện Yên Mô", date(1990, 1, 1), (3, 6)),
        ("company", "Công ty Cổ phần Nước sạch Yên Mô", date(2009, 1, 1), (4, 8)),
    )
)

# 1/7/2025: the first commune of each group survives and takes the new name.
MERGES_2025 = (
    ("thị trấn Yên Thịnh", ("xã Khánh Thịnh", "xã Yên Hòa"), "xã Yên Mô"),
    ("xã Yên Từ", ("xã Yên Phong", "xã Yên Nhân"), "xã Yên Từ"),
    ("xã Yên Mạc", ("xã Yên Mỹ", "xã Yên Lâm"), "xã Yên Mạc"),
    ("xã Yên Thái", ("xã Yên Đồng", "xã Yên Thành"), "xã Đồng Thái"),
    ("xã Yên Thắng", ("xã Khánh Thượng", "xã Mai Sơn"), "phường Yên Thắng"),
    ("xã Khánh Dương", ("xã Yên Hưng",), "xã Khánh Dương"),
)
REORGANISED_ON = date(2025, 7, 1)
# 2019–2020: Ninh Bình merged small villages; a few village branches merged with them.
VILLAGE_MERGES_ON = date(2020, 1, 1)
VILLAGE_MERGES = (
    ("xã Yên Mạc", "Chi bộ thôn Chợ Mạc", "Chi bộ thôn Trung", "Chi bộ thôn Trung Mạc"),
    ("xã Yên Hòa", "Chi bộ thôn Hòa Tiến", "Chi bộ thôn Hòa Thuận", "Chi bộ thôn Thuận Tiến"),
    ("xã Yên Đồng", "Chi bộ thôn Đồng Hưng", "Chi bộ thôn Đồng Sơn", "Chi bộ thôn Sơn Hưng"),
    ("xã Khánh Thịnh", "Chi bộ xóm 14", "Chi bộ xóm 13", "Chi bộ xóm 13"),
)

PROVINCE = ("Đảng bộ tỉnh Ninh Bình", date(1930, 6, 10))
DISTRICT = ("Đảng bộ huyện Yên Mô", date(1946, 12, 1))
PROVINCIAL_SCHOOL = ("teachers", "Chi bộ Trường Chính trị tỉnh Ninh Bình", date(1960, 9, 1), (8, 12))


def committee_name(place: str) -> str:
    return f"Đảng bộ {place}"


def short_name(place: str) -> str:
    """'xã Yên Thành' → 'Yên Thành' (schools carry the bare name)."""
    for prefix in ("thị trấn ", "xã ", "phường "):
        if place.startswith(prefix):
            return place[len(prefix):]
    return place
