"""Demo catalogue: Thành phố Huế's agencies (real units from vietnam-provinces) and real procedures.

Codes and names follow the national database of administrative procedures (Cơ sở dữ liệu quốc gia về
TTHC). Processing times, fees and documents are typical values for a demonstration, not a legal
source: check the current decision of announcement (quyết định công bố) before relying on them.
"""

PROVINCE_CODE = 46  # Thành phố Huế

DEPARTMENTS = [
    # (key, code suffix, name, short name)
    ("tu_phap", "01", "Sở Tư pháp", "STP"),
    ("noi_vu", "02", "Sở Nội vụ", "SNV"),
    ("tai_chinh", "03", "Sở Tài chính", "STC"),
    ("xay_dung", "04", "Sở Xây dựng", "SXD"),
    ("nong_nghiep", "05", "Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("giao_duc", "06", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("y_te", "07", "Sở Y tế", "SYT"),
    ("cong_thuong", "08", "Sở Công Thương", "SCT"),
    ("van_hoa", "09", "Sở Văn hóa và Thể thao", "SVHTT"),
    ("cong_an", "10", "Công an thành phố Huế", "CATP"),
]

SECTORS = [
    ("HT", "Hộ tịch"),
    ("CT", "Chứng thực"),
    ("HG", "Hòa giải ở cơ sở"),
    ("CTR", "Đăng ký, quản lý cư trú"),
    ("CC", "Căn cước"),
    ("HKD", "Thành lập và hoạt động của hộ kinh doanh"),
    ("XD", "Hoạt động xây dựng"),
    ("DD", "Đất đai"),
    ("DB", "Đường bộ"),
    ("GDDT", "Giáo dục và Đào tạo"),
    ("VL", "Việc làm"),
    ("BTXH", "Bảo trợ xã hội"),
    ("NCC", "Người có công"),
    ("ATTP", "An toàn thực phẩm"),
]

# Applicant fields every e-form starts with.
APPLICANT_FIELDS = [
    {
        "name": "ho_ten",
        "type": "text",
        "label": {"vi": "Họ, chữ đệm, tên người yêu cầu", "en": "Applicant's full name"},
        "required": True,
        "max_length": 100,
    },
    {
        "name": "so_dinh_danh",
        "type": "id_number",
        "label": {"vi": "Số định danh cá nhân", "en": "Personal identification number"},
        "required": True,
        "pattern": r"\d{12}",
    },
    {
        "name": "noi_cu_tru",
        "type": "text",
        "label": {"vi": "Nơi cư trú", "en": "Place of residence"},
        "required": True,
        "max_length": 255,
    },
    {
        "name": "dien_thoai",
        "type": "phone",
        "label": {"vi": "Số điện thoại", "en": "Phone number"},
        "required": True,
    },
    {
        "name": "email",
        "type": "email",
        "label": {"vi": "Thư điện tử", "en": "Email"},
        "required": False,
    },
]

SEX = [
    {"value": "nam", "label": {"vi": "Nam", "en": "Male"}},
    {"value": "nu", "label": {"vi": "Nữ", "en": "Female"}},
]

EXTRA_FIELDS = {
    "khai_sinh": [
        {
            "name": "tre_ho_ten",
            "type": "text",
            "label": {"vi": "Họ, chữ đệm, tên của trẻ", "en": "Child's full name"},
            "required": True,
            "max_length": 100,
        },
        {
            "name": "tre_ngay_sinh",
            "type": "date",
            "label": {"vi": "Ngày, tháng, năm sinh", "en": "Date of birth"},
            "required": True,
        },
        {
            "name": "tre_gioi_tinh",
            "type": "radio",
            "label": {"vi": "Giới tính", "en": "Sex"},
            "required": True,
            "choices": SEX,
        },
        {
            "name": "noi_sinh",
            "type": "text",
            "label": {"vi": "Nơi sinh", "en": "Place of birth"},
            "required": True,
            "max_length": 255,
        },
        {
            "name": "quan_he",
            "type": "select",
            "label": {"vi": "Quan hệ với trẻ", "en": "Relationship to the child"},
            "required": True,
            "choices": [
                {"value": "cha", "label": {"vi": "Cha", "en": "Father"}},
                {"value": "me", "label": {"vi": "Mẹ", "en": "Mother"}},
                {"value": "khac", "label": {"vi": "Người thân khác", "en": "Other relative"}},
            ],
        },
    ],
    "ket_hon": [
        {
            "name": "ben_kia_ho_ten",
            "type": "text",
            "label": {"vi": "Họ, chữ đệm, tên bên kia", "en": "Other party's full name"},
            "required": True,
            "max_length": 100,
        },
        {
            "name": "ben_kia_so_dinh_danh",
            "type": "id_number",
            "label": {"vi": "Số định danh của bên kia", "en": "Other party's ID number"},
            "required": True,
            "pattern": r"\d{12}",
        },
        {
            "name": "ben_kia_ngay_sinh",
            "type": "date",
            "label": {"vi": "Ngày sinh của bên kia", "en": "Other party's date of birth"},
            "required": True,
        },
    ],
    "khai_tu": [
        {
            "name": "nguoi_chet_ho_ten",
            "type": "text",
            "label": {"vi": "Họ, chữ đệm, tên người đã chết", "en": "Deceased's full name"},
            "required": True,
            "max_length": 100,
        },
        {
            "name": "ngay_chet",
            "type": "date",
            "label": {"vi": "Ngày chết", "en": "Date of death"},
            "required": True,
        },
        {
            "name": "noi_chet",
            "type": "text",
            "label": {"vi": "Nơi chết", "en": "Place of death"},
            "required": True,
            "max_length": 255,
        },
    ],
    "cu_tru": [
        {
            "name": "dia_chi_dang_ky",
            "type": "text",
            "label": {"vi": "Địa chỉ đề nghị đăng ký", "en": "Address to register"},
            "required": True,
            "max_length": 255,
        },
        {
            "name": "so_thang",
            "type": "number",
            "label": {"vi": "Thời hạn (tháng)", "en": "Duration (months)"},
            "required": False,
            "min": 1,
            "max": 24,
        },
    ],
    "kinh_doanh": [
        {
            "name": "ten_ho_kinh_doanh",
            "type": "text",
            "label": {"vi": "Tên hộ kinh doanh", "en": "Household business name"},
            "required": True,
            "max_length": 200,
        },
        {
            "name": "nganh_nghe",
            "type": "textarea",
            "label": {"vi": "Ngành, nghề kinh doanh", "en": "Lines of business"},
            "required": True,
        },
        {
            "name": "von_kinh_doanh",
            "type": "number",
            "label": {"vi": "Vốn kinh doanh (đồng)", "en": "Capital (dong)"},
            "required": True,
            "min": 0,
        },
    ],
    "xay_dung": [
        {
            "name": "dia_diem",
            "type": "text",
            "label": {"vi": "Địa điểm xây dựng", "en": "Construction site"},
            "required": True,
            "max_length": 255,
        },
        {
            "name": "thua_dat",
            "type": "text",
            "label": {"vi": "Thửa đất số, tờ bản đồ số", "en": "Land plot and map sheet"},
            "required": True,
            "max_length": 100,
        },
        {
            "name": "dien_tich_san",
            "type": "number",
            "label": {"vi": "Tổng diện tích sàn (m²)", "en": "Total floor area (m²)"},
            "required": True,
            "min": 1,
        },
    ],
}

# (code, name, sector, levels, agency, (time, unit), fees, online, components, form)
#   levels: P province, D district (where the national record still lists it), C commune
#   agency: a department key, or "xa" for every commune's People's Committee
#   components: (name, form, mandatory, has template)
ORIG, S, SC = "original", "copy", "certified_copy"
DAYS, HOURS, SAME_DAY = "working_days", "working_hours", "same_day"

TO_KHAI = "Tờ khai theo mẫu"
CCCD = ("Căn cước hoặc giấy tờ tùy thân của người yêu cầu (xuất trình)", ORIG, True, False)

# fmt: off
PROCEDURES = [
    # --- Hộ tịch (commune) ---
    ("1.001193", "Đăng ký khai sinh", "HT", "C", "xa", (0, SAME_DAY), [], "full",
     [("Tờ khai đăng ký khai sinh", ORIG, True, True), ("Giấy chứng sinh hoặc văn bản của người làm chứng", ORIG, True, False), CCCD], "khai_sinh"),
    ("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "HT", "C", "xa", (3, DAYS), [], "full",
     [("Tờ khai đăng ký khai sinh và nhận cha, mẹ, con", ORIG, True, True), ("Giấy chứng sinh", ORIG, True, False), ("Chứng cứ chứng minh quan hệ cha, mẹ, con", ORIG, True, False)], "khai_sinh"),
    ("1.000894", "Đăng ký kết hôn", "HT", "C", "xa", (0, SAME_DAY), [], "full",
     [("Tờ khai đăng ký kết hôn", ORIG, True, True), ("Giấy xác nhận tình trạng hôn nhân (khi đăng ký ở nơi không thường trú)", ORIG, False, False), CCCD], "ket_hon"),
    ("1.000593", "Đăng ký kết hôn lưu động", "HT", "C", "xa", (5, DAYS), [], "none",
     [("Tờ khai đăng ký kết hôn", ORIG, True, True), CCCD], "ket_hon"),
    ("1.000656", "Đăng ký khai tử", "HT", "C", "xa", (0, SAME_DAY), [], "full",
     [("Tờ khai đăng ký khai tử", ORIG, True, True), ("Giấy báo tử hoặc giấy tờ thay giấy báo tử", ORIG, True, False)], "khai_tu"),
    ("1.000419", "Đăng ký khai tử lưu động", "HT", "C", "xa", (5, DAYS), [], "none",
     [("Tờ khai đăng ký khai tử", ORIG, True, True), ("Giấy báo tử hoặc giấy tờ thay giấy báo tử", ORIG, True, False)], "khai_tu"),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "HT", "C", "xa", (3, DAYS), [("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 3000)], "full",
     [("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", ORIG, True, True), CCCD], None),
    ("1.004884", "Đăng ký lại khai sinh", "HT", "C", "xa", (5, DAYS), [("Lệ phí đăng ký lại khai sinh", 5000)], "partial",
     [("Tờ khai đăng ký lại khai sinh", ORIG, True, True), ("Bản sao giấy tờ chứng minh nội dung khai sinh", S, True, False)], "khai_sinh"),
    ("1.005461", "Đăng ký lại khai tử", "HT", "C", "xa", (5, DAYS), [("Lệ phí đăng ký lại khai tử", 5000)], "partial",
     [("Tờ khai đăng ký lại khai tử", ORIG, True, True), ("Bản sao Giấy chứng tử hoặc giấy tờ liên quan", S, True, False)], "khai_tu"),
    ("1.004746", "Đăng ký lại kết hôn", "HT", "C", "xa", (5, DAYS), [("Lệ phí đăng ký lại kết hôn", 5000)], "partial",
     [("Tờ khai đăng ký lại kết hôn", ORIG, True, True), ("Bản sao Giấy chứng nhận kết hôn đã cấp trước đây", S, False, False)], "ket_hon"),
    ("1.004845", "Đăng ký chấm dứt giám hộ", "HT", "C", "xa", (2, DAYS), [], "partial",
     [("Tờ khai đăng ký chấm dứt giám hộ", ORIG, True, True), ("Giấy tờ làm căn cứ chấm dứt giám hộ", ORIG, True, False)], None),
    ("3.000323", "Đăng ký giám sát việc giám hộ", "HT", "C", "xa", (3, DAYS), [], "partial",
     [("Tờ khai đăng ký giám sát việc giám hộ", ORIG, True, True)], None),
    ("2.000635", "Cấp bản sao Trích lục hộ tịch", "HT", "PC", "xa", (0, SAME_DAY), [("Phí cấp bản sao trích lục hộ tịch (mỗi bản)", 8000)], "full",
     [("Tờ khai cấp bản sao trích lục hộ tịch", ORIG, True, True)], None),
    ("2.000528", "Đăng ký khai sinh có yếu tố nước ngoài", "HT", "PC", "xa", (3, DAYS), [("Lệ phí đăng ký khai sinh có yếu tố nước ngoài", 75000)], "partial",
     [("Tờ khai đăng ký khai sinh", ORIG, True, True), ("Giấy chứng sinh", ORIG, True, False), ("Văn bản thỏa thuận chọn quốc tịch cho con", ORIG, False, False)], "khai_sinh"),
    ("2.000806", "Đăng ký kết hôn có yếu tố nước ngoài", "HT", "PC", "xa", (10, DAYS), [("Lệ phí đăng ký kết hôn có yếu tố nước ngoài", 1000000)], "partial",
     [("Tờ khai đăng ký kết hôn", ORIG, True, True), ("Giấy xác nhận của tổ chức y tế về sức khỏe tâm thần", ORIG, True, False), ("Hộ chiếu hoặc giấy tờ thay hộ chiếu của người nước ngoài", SC, True, False)], "ket_hon"),
    ("2.001263", "Đăng ký việc nuôi con nuôi trong nước", "HT", "C", "xa", (20, DAYS), [("Lệ phí đăng ký nuôi con nuôi trong nước", 400000)], "partial",
     [("Đơn xin nhận con nuôi", ORIG, True, True), ("Phiếu lý lịch tư pháp của người nhận con nuôi", ORIG, True, False), ("Văn bản xác nhận tình trạng sức khỏe", ORIG, True, False)], None),
    # --- Chứng thực (commune) ---
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận", "CT", "C", "xa", (0, SAME_DAY), [("Phí chứng thực bản sao (trang thứ nhất và thứ hai, mỗi trang)", 2000), ("Phí chứng thực bản sao (từ trang thứ ba, mỗi trang)", 1000)], "full",
     [("Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao", ORIG, True, False), ("Bản sao cần chứng thực", S, True, False)], None),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "CT", "C", "xa", (0, SAME_DAY), [("Phí chứng thực chữ ký (mỗi trường hợp)", 10000)], "none",
     [("Giấy tờ, văn bản cần chứng thực chữ ký", ORIG, True, False), CCCD], None),
    ("2.001008", "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật", "CT", "C", "xa", (0, SAME_DAY), [("Phí chứng thực chữ ký người dịch (mỗi văn bản)", 10000)], "none",
     [("Bản dịch và giấy tờ cần dịch", ORIG, True, False), ("Bằng cử nhân ngoại ngữ hoặc văn bằng chứng minh trình độ dịch", S, True, False)], None),
    ("2.000992", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật", "CT", "C", "xa", (0, SAME_DAY), [("Phí chứng thực chữ ký người dịch (mỗi văn bản)", 10000)], "none",
     [("Bản dịch và giấy tờ cần dịch", ORIG, True, False)], None),
    ("2.000942", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "CT", "C", "xa", (2, DAYS), [("Phí cấp bản sao có chứng thực (mỗi trang)", 2000)], "partial",
     [("Đơn đề nghị cấp bản sao", ORIG, True, True)], None),
    # --- Hòa giải ở cơ sở (commune) ---
    ("2.000950", "Công nhận tổ trưởng tổ hòa giải", "HG", "C", "xa", (3, DAYS), [], "none",
     [("Văn bản đề xuất của Trưởng ban công tác Mặt trận", ORIG, True, False)], None),
    ("2.000930", "Thôi làm hòa giải viên", "HG", "C", "xa", (3, DAYS), [], "none",
     [("Văn bản đề nghị thôi làm hòa giải viên", ORIG, True, False)], None),
    # --- Cư trú, căn cước (police) ---
    ("1.004222", "Đăng ký thường trú", "CTR", "C", "cong_an", (7, DAYS), [("Lệ phí đăng ký thường trú (nộp trực tiếp)", 20000)], "full",
     [("Tờ khai thay đổi thông tin cư trú (CT01)", ORIG, True, True), ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", S, True, False)], "cu_tru"),
    ("1.004194", "Đăng ký tạm trú", "CTR", "C", "cong_an", (3, DAYS), [("Lệ phí đăng ký tạm trú (nộp trực tiếp)", 15000)], "full",
     [("Tờ khai thay đổi thông tin cư trú (CT01)", ORIG, True, True), ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", S, True, False)], "cu_tru"),
    ("1.002755", "Gia hạn tạm trú", "CTR", "C", "cong_an", (3, DAYS), [("Lệ phí gia hạn tạm trú (nộp trực tiếp)", 15000)], "full",
     [("Tờ khai thay đổi thông tin cư trú (CT01)", ORIG, True, True)], "cu_tru"),
    ("1.010028", "Xóa đăng ký tạm trú", "CTR", "C", "cong_an", (1, DAYS), [], "full",
     [("Tờ khai thay đổi thông tin cư trú (CT01)", ORIG, True, True), ("Giấy tờ chứng minh thuộc trường hợp xóa đăng ký tạm trú", S, True, False)], "cu_tru"),
    ("1.003197", "Xóa đăng ký thường trú", "CTR", "C", "cong_an", (1, DAYS), [], "full",
     [("Tờ khai thay đổi thông tin cư trú (CT01)", ORIG, True, True), ("Giấy tờ chứng minh thuộc trường hợp xóa đăng ký thường trú", S, True, False)], "cu_tru"),
    ("3.000285", "Khóa căn cước điện tử", "CC", "P", "cong_an", (1, DAYS), [], "full",
     [("Văn bản đề nghị khóa căn cước điện tử", ORIG, True, False)], None),
    ("3.000286", "Mở khóa căn cước điện tử", "CC", "P", "cong_an", (1, DAYS), [], "full",
     [("Văn bản đề nghị mở khóa căn cước điện tử", ORIG, True, False)], None),
    # --- Hộ kinh doanh (commune; district before 2025) ---
    ("2.000575", "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "HKD", "DC", "xa", (3, DAYS), [("Lệ phí cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", 50000)], "full",
     [("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", ORIG, True, True)], "kinh_doanh"),
    ("2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "HKD", "DC", "xa", (3, DAYS), [("Lệ phí đăng ký thay đổi nội dung hộ kinh doanh", 50000)], "full",
     [("Thông báo thay đổi nội dung đăng ký hộ kinh doanh", ORIG, True, True), ("Biên bản họp thành viên hộ gia đình (trường hợp hộ gia đình)", ORIG, False, False)], "kinh_doanh"),
    ("1.001570", "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", "HKD", "DC", "xa", (3, DAYS), [], "full",
     [("Thông báo về việc tạm ngừng kinh doanh hoặc tiếp tục kinh doanh", ORIG, True, True)], "kinh_doanh"),
    ("1.001266", "Chấm dứt hoạt động hộ kinh doanh", "HKD", "DC", "xa", (3, DAYS), [], "full",
     [("Thông báo chấm dứt hoạt động hộ kinh doanh", ORIG, True, True), ("Thông báo của cơ quan thuế về việc chấm dứt hiệu lực mã số thuế", S, True, False)], "kinh_doanh"),
    # --- Xây dựng ---
    ("1.013225", "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ", "XD", "DC", "xa", (15, DAYS), [("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75000), ("Lệ phí cấp giấy phép xây dựng công trình khác", 150000)], "full",
     [("Đơn đề nghị cấp giấy phép xây dựng", ORIG, True, True), ("Giấy tờ chứng minh quyền sử dụng đất", S, True, False), ("Bản vẽ thiết kế xây dựng", ORIG, True, False), ("Cam kết bảo đảm an toàn công trình liền kề", ORIG, False, False)], "xay_dung"),
    ("1.013226", "Cấp điều chỉnh giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ", "XD", "DC", "xa", (15, DAYS), [("Lệ phí điều chỉnh giấy phép xây dựng", 15000)], "full",
     [("Đơn đề nghị điều chỉnh giấy phép xây dựng", ORIG, True, True), ("Bản chính giấy phép xây dựng đã được cấp", ORIG, True, False), ("Bản vẽ thiết kế điều chỉnh", ORIG, True, False)], "xay_dung"),
    ("1.013227", "Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ", "XD", "DC", "xa", (5, DAYS), [("Lệ phí gia hạn giấy phép xây dựng", 15000)], "full",
     [("Đơn đề nghị gia hạn giấy phép xây dựng", ORIG, True, True), ("Bản chính giấy phép xây dựng đã được cấp", ORIG, True, False)], "xay_dung"),
    ("1.013228", "Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ", "XD", "DC", "xa", (5, DAYS), [("Lệ phí cấp lại giấy phép xây dựng", 15000)], "full",
     [("Đơn đề nghị cấp lại giấy phép xây dựng", ORIG, True, True), ("Bản chính giấy phép xây dựng bị rách, nát (nếu có)", ORIG, False, False)], "xay_dung"),
    # --- Đất đai ---
    ("1.012753", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu", "DD", "PC", "nong_nghiep", (20, DAYS), [("Lệ phí cấp Giấy chứng nhận (hộ gia đình, cá nhân)", 100000)], "partial",
     [("Đơn đăng ký đất đai, tài sản gắn liền với đất", ORIG, True, True), ("Giấy tờ về quyền sử dụng đất", S, True, False), ("Chứng từ thực hiện nghĩa vụ tài chính", S, False, False)], None),
    # --- Đường bộ ---
    # UNVERIFIED code: 1.002809 could not be checked against the national database
    # (dichvucong.gov.vn) from the references available on 2026-11-26; confirm before relying on it.
    # The name, the fee (135.000 đồng) and the time (5 working days) match the procedure guide of
    # the Đắk Lắk one-stop portal, https://motcua.daklak.gov.vn/block/phieu-huong-dan/thu-tuc/18458
    # (read 2026-11-26), which does not show the national code.
    ("1.002809", "Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp", "DB", "P", "xay_dung", (5, DAYS), [("Lệ phí cấp đổi Giấy phép lái xe", 135000)], "full",
     [("Đơn đề nghị đổi, cấp lại Giấy phép lái xe", ORIG, True, True), ("Giấy khám sức khỏe của người lái xe", ORIG, True, False), ("Giấy phép lái xe đang sử dụng", S, True, False)], None),
    # --- Giáo dục và Đào tạo ---
    ("3.000182", "Tuyển sinh trung học cơ sở", "GDDT", "DC", "xa", (10, DAYS), [], "full",
     [("Đơn đăng ký dự tuyển", ORIG, True, True), ("Học bạ cấp tiểu học", S, True, False)], None),
    ("2.002894", "Cho phép trường mầm non hoạt động giáo dục", "GDDT", "DC", "xa", (20, DAYS), [], "partial",
     [("Tờ trình đề nghị cho phép hoạt động giáo dục", ORIG, True, False), ("Danh sách đội ngũ giáo viên, cán bộ quản lý", ORIG, True, False)], None),
    ("1.001639", "Giải thể trường tiểu học (theo đề nghị của tổ chức, cá nhân đề nghị thành lập trường)", "GDDT", "DC", "xa", (20, DAYS), [], "partial",
     [("Tờ trình đề nghị giải thể", ORIG, True, False), ("Phương án giải thể", ORIG, True, False)], None),
    ("2.002770", "Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú đang học tại các trường tiểu học, trung học cơ sở", "GDDT", "C", "xa", (10, DAYS), [], "partial",
     [("Đơn đề nghị hỗ trợ", ORIG, True, True)], None),
    # --- Việc làm (Sở Nội vụ since 2025) ---
    ("1.014199", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "VL", "P", "noi_vu", (10, DAYS), [("Phí cấp giấy phép lao động", 600000)], "full",
     [("Văn bản đề nghị cấp giấy phép lao động", ORIG, True, True), ("Giấy chứng nhận sức khỏe", ORIG, True, False), ("Phiếu lý lịch tư pháp", SC, True, False), ("Văn bản chứng minh nhà quản lý, chuyên gia hoặc lao động kỹ thuật", SC, True, False)], None),
    ("1.014200", "Cấp lại giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "VL", "P", "noi_vu", (5, DAYS), [("Phí cấp lại giấy phép lao động", 450000)], "full",
     [("Văn bản đề nghị cấp lại giấy phép lao động", ORIG, True, True), ("Giấy phép lao động còn thời hạn đã được cấp", ORIG, False, False)], None),
    ("1.014201", "Gia hạn giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "VL", "P", "noi_vu", (5, DAYS), [("Phí gia hạn giấy phép lao động", 450000)], "full",
     [("Văn bản đề nghị gia hạn giấy phép lao động", ORIG, True, True), ("Giấy phép lao động còn thời hạn đã được cấp", ORIG, True, False), ("Giấy chứng nhận sức khỏe", ORIG, True, False)], None),
    ("1.014196", "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "VL", "P", "noi_vu", (5, DAYS), [], "full",
     [("Văn bản đề nghị xác nhận", ORIG, True, True), ("Giấy tờ chứng minh không thuộc diện cấp giấy phép lao động", SC, True, False)], None),
    ("1.014197", "Cấp lại giấy xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "VL", "P", "noi_vu", (3, DAYS), [], "full",
     [("Văn bản đề nghị cấp lại giấy xác nhận", ORIG, True, True)], None),
    ("1.014198", "Gia hạn giấy xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "VL", "P", "noi_vu", (5, DAYS), [], "full",
     [("Văn bản đề nghị gia hạn giấy xác nhận", ORIG, True, True)], None),
    # --- Bảo trợ xã hội (commune) ---
    ("1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", "BTXH", "C", "xa", (20, DAYS), [], "partial",
     [("Đơn đề nghị xác định mức độ khuyết tật", ORIG, True, True), ("Bản sao giấy tờ liên quan đến khuyết tật (nếu có)", S, False, False)], None),
    ("1.001653", "Đổi, cấp lại Giấy xác nhận khuyết tật", "BTXH", "C", "xa", (5, DAYS), [], "partial",
     [("Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật", ORIG, True, True)], None),
    ("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng", "BTXH", "C", "xa", (15, DAYS), [], "partial",
     [("Tờ khai đề nghị trợ giúp xã hội", ORIG, True, True)], None),
    ("1.001731", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "BTXH", "C", "xa", (5, DAYS), [], "partial",
     [("Tờ khai đề nghị hỗ trợ chi phí mai táng", ORIG, True, True), ("Bản sao giấy chứng tử", S, True, False)], None),
    ("1.011607", "Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm", "BTXH", "C", "xa", (15, DAYS), [], "none",
     [("Giấy đề nghị rà soát hộ nghèo, hộ cận nghèo", ORIG, True, True)], None),
    ("1.011608", "Công nhận hộ thoát nghèo, hộ thoát cận nghèo thường xuyên hằng năm", "BTXH", "C", "xa", (15, DAYS), [], "none",
     [("Giấy đề nghị xét duyệt hộ thoát nghèo, hộ thoát cận nghèo", ORIG, True, True)], None),
    ("1.014027", "Hưởng, thôi hưởng trợ cấp hưu trí xã hội", "BTXH", "C", "xa", (15, DAYS), [], "partial",
     [("Tờ khai đề nghị hưởng trợ cấp hưu trí xã hội", ORIG, True, True)], None),
    ("1.014028", "Hỗ trợ chi phí mai táng đối với người đang hưởng trợ cấp hưu trí xã hội", "BTXH", "C", "xa", (5, DAYS), [], "partial",
     [("Tờ khai đề nghị hỗ trợ chi phí mai táng", ORIG, True, True), ("Bản sao giấy chứng tử", S, True, False)], None),
    # --- Người có công ---
    ("1.010833", "Xác nhận thân nhân của người có công với cách mạng", "NCC", "C", "xa", (5, DAYS), [], "partial",
     [("Bản khai đề nghị xác nhận thân nhân", ORIG, True, True)], None),
    ("1.010803", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "NCC", "PC", "noi_vu", (12, DAYS), [], "partial",
     [("Bản khai đề nghị trợ cấp thờ cúng liệt sĩ", ORIG, True, True), ("Văn bản ủy quyền thờ cúng liệt sĩ (nếu có)", ORIG, False, False)], None),
    ("2.002307", "Giải quyết chế độ mai táng phí đối với cựu chiến binh", "NCC", "PC", "noi_vu", (10, DAYS), [], "partial",
     [("Tờ khai đề nghị hưởng chế độ mai táng phí", ORIG, True, True), ("Bản sao giấy chứng tử", S, True, False)], None),
    ("2.002308", "Giải quyết chế độ mai táng phí đối với thanh niên xung phong thời kỳ kháng chiến chống Pháp", "NCC", "PC", "noi_vu", (10, DAYS), [], "partial",
     [("Tờ khai đề nghị hưởng chế độ mai táng phí", ORIG, True, True), ("Bản sao giấy chứng tử", S, True, False)], None),
    # --- An toàn thực phẩm (Sở Y tế) ---
    # UNVERIFIED: code 1.001907 and this name could not be checked against the national database
    # (dichvucong.gov.vn) from the references available on 2026-11-26; confirm before relying on it.
    ("1.001907", "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", "ATTP", "P", "y_te", (15, DAYS), [("Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống (phục vụ dưới 200 suất ăn)", 700000), ("Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống (từ 200 suất ăn trở lên)", 1000000)], "partial",
     [("Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", ORIG, True, True), ("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", ORIG, True, False), ("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp kinh doanh", S, True, False)], None),
]
# fmt: on

LEGAL_BASIS = {
    "HT": "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số 85/2019/TT-BTC.",
    "CT": "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số 226/2016/TT-BTC.",
    "HG": "Luật Hòa giải ở cơ sở số 35/2013/QH13; Nghị định số 15/2014/NĐ-CP.",
    "CTR": "Luật Cư trú số 68/2020/QH14; Nghị định số 62/2021/NĐ-CP; Thông tư số 55/2021/TT-BCA; Thông tư số 75/2022/TT-BTC.",
    "CC": "Luật Căn cước số 26/2023/QH15; Nghị định số 69/2024/NĐ-CP về định danh và xác thực điện tử.",
    "HKD": "Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp; Thông tư số 02/2023/TT-BKHĐT.",
    "XD": "Luật Xây dựng số 50/2014/QH13 (sửa đổi, bổ sung năm 2020); Nghị định số 175/2024/NĐ-CP.",
    "DD": "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP.",
    "DB": "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15; Thông tư số 35/2024/TT-BGTVT.",
    "GDDT": "Luật Giáo dục số 43/2019/QH14; Thông tư số 30/2024/TT-BGDĐT.",
    "VL": "Bộ luật Lao động số 45/2019/QH14; Nghị định số 219/2025/NĐ-CP về người lao động nước ngoài làm việc tại Việt Nam.",
    "BTXH": "Luật Người khuyết tật số 51/2010/QH12; Nghị định số 20/2021/NĐ-CP; Nghị định số 07/2021/NĐ-CP.",
    "NCC": "Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14; Nghị định số 131/2021/NĐ-CP.",
    "ATTP": "Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC.",
}

RESULTS = {
    "khai_sinh": "Giấy khai sinh (bản chính) và trích lục khai sinh; số định danh cá nhân được cấp cho trẻ.",
    "ket_hon": "Giấy chứng nhận kết hôn (bản chính, mỗi bên một bản).",
    "khai_tu": "Trích lục khai tử (bản chính).",
    "cu_tru": "Thông tin cư trú được cập nhật trong Cơ sở dữ liệu về cư trú; thông báo kết quả qua tài khoản định danh điện tử.",
    "kinh_doanh": "Giấy chứng nhận đăng ký hộ kinh doanh hoặc thông báo của cơ quan đăng ký.",
    "xay_dung": "Giấy phép xây dựng (bản chính) kèm bản vẽ được phê duyệt.",
}
