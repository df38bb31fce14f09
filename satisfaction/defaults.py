"""Reference data installed by a data migration (and by seed_demo): the national survey form and the
service index scheme. Plain data, so an admin can later publish a new form version or edit the index.

Index source: Decision 766/QĐ-TTg of 23/06/2022 (Thủ tướng Chính phủ) approving the set of indicators for
directing, administering and assessing the quality of service to citizens and businesses in real time
on the electronic environment. Verified (English text of the decision and the press): five component
groups — publicity and transparency; progress and results of settlement; digitisation of dossiers;
online public service provision; satisfaction — each worth at most 18 to 22 points, total 100; 90–100
is "excellent" and under 50 "weak".

Verified from public summaries of the decision (searched 26/11/2026; the appendix itself was not
readable there):

- the "Mức độ hài lòng" group is worth 18 of 100 points and has three ratios: complaints handled on
  time; satisfaction in complaint handling ((complaints − those rated dissatisfied or answered late) /
  complaints); satisfaction in receiving and settling dossiers ((dossiers − those rated dissatisfied,
  complained about or late) / dossiers), the last worth at most 6 of the 18 points — Ban Tuyên giáo
  Tỉnh ủy Lâm Đồng, "Chỉ số đánh giá chất lượng phục vụ người dân khi thực hiện TTHC", 06/07/2022,
  https://www.lamdong.dcs.vn/tin-tuc-su-kien/thong-tin-tong-hop/task/148/type/detail/id/33503, and
  https://baocaotaichinh.vn/thu-vien/quyet-dinh-766-qd-ttg-2022-phe-duyet-bo-chi-so-chi-dao--dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan--doanh-nghiep-2108502745-126270;
- "Công khai, minh bạch" is worth 18 points (of which 4 for procedures updated and published on time)
  and "Tiến độ, kết quả giải quyết" 20 points (dossiers settled on time) — the second source above;
- hence "Số hóa hồ sơ" and "Cung cấp dịch vụ trực tuyến" share the remaining 44 points and, each
  being at most 22, are worth 22 each.

Not verified: the indicators of the publicity, progress, digitisation and online groups and their
points, how the satisfaction group's other 12 points are split between its two complaint ratios, the
intermediate bands; each is marked "(cần xác minh)". The portal records no rating of a complaint's
answer, so both complaint ratios are measured as "answered on time" (indicator 5.1, 12 points), and
the dossier ratio as the share of satisfied survey responses (indicator 5.2, 6 points).
"""

SURVEY_FORM_CODE = "sipas"
INDEX_SCHEME_CODE = "qd766-2022"

SCALE_LABELS = [
    {"value": 1, "vi": "Rất không hài lòng", "en": "Very dissatisfied"},
    {"value": 2, "vi": "Không hài lòng", "en": "Dissatisfied"},
    {"value": 3, "vi": "Bình thường", "en": "Neutral"},
    {"value": 4, "vi": "Hài lòng", "en": "Satisfied"},
    {"value": 5, "vi": "Rất hài lòng", "en": "Very satisfied"},
]

SURVEY_QUESTIONS = [
    (
        "access",
        "access",
        "Việc tiếp cận dịch vụ (nơi nộp hồ sơ, cổng trực tuyến, thông tin hướng dẫn) thuận tiện thế nào?",
        "How easy was it to reach the service (where to apply, the online portal, the guidance)?",
    ),
    (
        "procedure",
        "procedure",
        "Thủ tục hành chính (thành phần hồ sơ, phí, thời hạn) có rõ ràng, đúng như đã công khai không?",
        "Was the procedure (documents, fees, time limit) clear and as published?",
    ),
    (
        "officer",
        "officer",
        "Công chức tiếp nhận và giải quyết có thái độ, hướng dẫn tốt không?",
        "Were the civil servants who received and handled your dossier helpful and courteous?",
    ),
    (
        "result",
        "result",
        "Kết quả giải quyết có đúng quy định, đúng hẹn không?",
        "Was the result correct and delivered on time?",
    ),
    (
        "feedback",
        "feedback",
        "Việc tiếp nhận, xử lý ý kiến, phản ánh của Ông/Bà có kịp thời, thỏa đáng không?",
        "Were your comments or complaints received and handled promptly and properly?",
    ),
]

SURVEY_SOURCE = (
    "Các khía cạnh theo Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của Bộ Nội vụ: tiếp cận "
    "dịch vụ, thủ tục hành chính, công chức, kết quả, tiếp nhận và xử lý phản ánh, kiến nghị; thang 5 "
    "mức. Câu chữ từng câu hỏi do Cổng soạn (cần xác minh với phiếu khảo sát hiện hành)."
)

VERIFY = "(cần xác minh)"
INDEX_GROUPS = [
    (
        "publicity",
        "Công khai, minh bạch",
        "Publicity and transparency",
        "18",
        [
            (
                "1.1",
                "procedures_complete",
                "10",
                "Thủ tục được công khai đầy đủ hồ sơ",
                "Procedures published with complete records",
            ),
            (
                "1.2",
                "intake_on_time",
                "8",
                "Hồ sơ trực tuyến được trả lời tiếp nhận đúng hạn (8 giờ làm việc)",
                "Online dossiers answered at intake within 8 working hours",
            ),
        ],
    ),
    (
        "progress",
        "Tiến độ, kết quả giải quyết",
        "Progress and results of settlement",
        "20",
        [
            (
                "2.1",
                "resolved_on_time",
                "14",
                "Hồ sơ giải quyết trước hạn, đúng hạn",
                "Dossiers settled early or on time",
            ),
            (
                "2.2",
                "open_not_overdue",
                "6",
                "Hồ sơ đang giải quyết chưa quá hạn",
                "Open dossiers not overdue",
            ),
        ],
    ),
    (
        "digitisation",
        "Số hóa hồ sơ",
        "Digitisation of dossiers and results",
        "22",
        [
            (
                "3.1",
                "dossiers_digitised",
                "11",
                "Hồ sơ tiếp nhận được số hóa, lưu trữ điện tử",
                "Dossiers received held electronically",
            ),
            (
                "3.2",
                "results_electronic",
                "11",
                "Kết quả giải quyết được cấp, lưu trữ điện tử",
                "Results issued and held electronically",
            ),
        ],
    ),
    (
        "online",
        "Cung cấp dịch vụ trực tuyến",
        "Online public service provision",
        "22",
        [
            (
                "4.1",
                "procedures_online",
                "7",
                "Thủ tục cung cấp dịch vụ công trực tuyến",
                "Procedures provided online",
            ),
            ("4.2", "dossiers_online", "8", "Hồ sơ nộp trực tuyến", "Dossiers submitted online"),
            ("4.3", "payments_online", "7", "Thanh toán trực tuyến", "Payments made online"),
        ],
    ),
    (
        "satisfaction",
        "Mức độ hài lòng",
        "Satisfaction",
        "18",
        [
            (
                "5.1",
                "complaints_on_time",
                "12",
                "Phản ánh, kiến nghị được xử lý đúng hạn",
                "Complaints and suggestions answered on time",
            ),
            (
                "5.2",
                "satisfied",
                "6",
                "Đánh giá hài lòng (mức 4–5) trên tổng số lượt đánh giá",
                "Ratings satisfied (4–5) of all ratings",
            ),
        ],
    ),
]

SOURCES = (
    "tóm tắt Quyết định 766/QĐ-TTg: lamdong.dcs.vn (06/07/2022), baocaotaichinh.vn "
    "(xem satisfaction/defaults.py và docs/adr/0011)"
)
GROUP_NOTES = {
    "publicity": f"18 điểm theo {SOURCES}.",
    "progress": f"20 điểm theo {SOURCES}.",
    "digitisation": (
        "22 điểm: suy ra từ tổng 100 điểm, mỗi nhóm tối đa 18–22 điểm và ba nhóm còn lại "
        f"18 + 20 + 18 điểm ({SOURCES})."
    ),
    "online": (
        "22 điểm: suy ra từ tổng 100 điểm, mỗi nhóm tối đa 18–22 điểm và ba nhóm còn lại "
        f"18 + 20 + 18 điểm ({SOURCES})."
    ),
    "satisfaction": f"18 điểm, gồm 3 tỷ lệ, theo {SOURCES}.",
}
INDICATOR_NOTES = {
    "5.1": (
        "Quyết định có hai tỷ lệ về phản ánh, kiến nghị: xử lý đúng hạn, và hài lòng trong xử lý "
        "(không bị phản hồi không hài lòng hoặc quá hạn), cùng 12 điểm còn lại của nhóm. Cổng chưa "
        "ghi nhận đánh giá của người gửi về câu trả lời nên cả hai được đo bằng tỷ lệ trả lời đúng "
        f"hạn. Cách chia 12 điểm giữa hai tỷ lệ {VERIFY}."
    ),
    "5.2": (
        f"Tối đa 6 điểm theo {SOURCES}. Công thức của Quyết định: (tổng hồ sơ − hồ sơ không hài "
        "lòng hoặc bị phản ánh về tiếp nhận, giải quyết, quá hạn) / tổng hồ sơ; Cổng tính lượt "
        f"đánh giá hài lòng / lượt đánh giá {VERIFY}."
    ),
}
DEFAULT_INDICATOR_NOTE = (
    f"Chỉ tiêu và điểm do Cổng đề xuất theo tinh thần Quyết định 766/QĐ-TTg {VERIFY}."
)
SCHEME_NOTE = (
    "Đã đối chiếu: 5 nhóm chỉ số, mỗi nhóm tối đa 18–22 điểm, tổng 100; từ 90 điểm xếp loại xuất "
    "sắc, dưới 50 điểm xếp loại yếu; điểm từng nhóm 18/20/22/22/18 và nhóm Mức độ hài lòng gồm 3 tỷ "
    f"lệ, trong đó hài lòng trong tiếp nhận, giải quyết TTHC tối đa 6 điểm ({SOURCES}). Chỉ tiêu và "
    f"điểm từng chỉ tiêu của bốn nhóm còn lại, công thức từng chỉ tiêu và các mức xếp loại ở giữa "
    f"{VERIFY}."
)


def group_note(code: str, points: str) -> str:
    return GROUP_NOTES.get(code) or (
        f"Nhóm chỉ số theo Quyết định 766/QĐ-TTg; điểm tối đa {points} {VERIFY}."
    )


def indicator_note(code: str) -> str:
    return INDICATOR_NOTES.get(code, DEFAULT_INDICATOR_NOTE)


INDEX_BANDS = [
    {"from": 90, "vi": "Xuất sắc", "en": "Excellent"},
    {"from": 70, "vi": "Tốt (cần xác minh)", "en": "Good (to be verified)"},
    {"from": 50, "vi": "Khá (cần xác minh)", "en": "Fair (to be verified)"},
    {"from": 0, "vi": "Yếu", "en": "Weak"},
]


def install(apps):
    """Create the active survey form and index scheme when missing (idempotent; never overwrites)."""
    SurveyForm = apps.get_model("satisfaction", "SurveyForm")
    SurveyQuestion = apps.get_model("satisfaction", "SurveyQuestion")
    IndexScheme = apps.get_model("satisfaction", "IndexScheme")
    IndexGroup = apps.get_model("satisfaction", "IndexGroup")
    IndexIndicator = apps.get_model("satisfaction", "IndexIndicator")
    created = []

    form, made = SurveyForm.objects.get_or_create(
        code=SURVEY_FORM_CODE,
        version=1,
        defaults={
            "status": "draft" if SurveyForm.objects.filter(status="active").exists() else "active",
            "title_vi": "Phiếu đánh giá mức độ hài lòng",
            "title_en": "Satisfaction survey",
            "intro_vi": "Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn. Phiếu gồm 5 câu, mất khoảng một phút.",
            "intro_en": "Your opinion helps the agency serve you better. Five questions, about a minute.",
            "scale_labels": SCALE_LABELS,
            "legal_source": SURVEY_SOURCE,
        },
    )
    if made:
        created.append(str(form.title_vi))
        for order, (code, aspect, text_vi, text_en) in enumerate(SURVEY_QUESTIONS, start=1):
            SurveyQuestion.objects.create(
                form=form, order=order, code=code, aspect=aspect, text_vi=text_vi, text_en=text_en
            )

    scheme, made = IndexScheme.objects.get_or_create(
        code=INDEX_SCHEME_CODE,
        defaults={
            "name": "Bộ chỉ số phục vụ người dân, doanh nghiệp (theo Quyết định 766/QĐ-TTg)",
            "legal_source": (
                "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số "
                "chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực "
                "hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử."
            ),
            "source_note": SCHEME_NOTE,
            "bands": INDEX_BANDS,
            "is_active": not IndexScheme.objects.filter(is_active=True).exists(),
        },
    )
    if made:
        created.append(scheme.name)
        for g_order, (code, name_vi, name_en, points, indicators) in enumerate(INDEX_GROUPS, 1):
            group = IndexGroup.objects.create(
                scheme=scheme,
                order=g_order,
                code=code,
                name_vi=name_vi,
                name_en=name_en,
                max_points=points,
                source_note=group_note(code, points),
            )
            for i_order, (i_code, metric, i_points, i_vi, i_en) in enumerate(indicators, 1):
                IndexIndicator.objects.create(
                    group=group,
                    order=i_order,
                    code=i_code,
                    metric=metric,
                    max_points=i_points,
                    name_vi=i_vi,
                    name_en=i_en,
                    source_note=indicator_note(i_code),
                )
    return created
