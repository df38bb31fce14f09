"""Bulk import and export of the catalogue spreadsheet (XLSX or CSV), close to the national database's
export. The column layout is documented in docs/catalogue-import.md.

Every line is checked on its own; a dry run reports per line what would be created, updated, left
unchanged or rejected and why. The real run applies all good lines in one transaction and reports the
rest. Lines are compared with the procedure's working version (its draft if one exists, otherwise the
latest version), so importing the same file twice changes nothing. An update of a published procedure
prepares a new draft; publishing stays an explicit, separate step.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from procedures.models import (
    Agency,
    DossierComponent,
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from procedures.models.catalogue import ProcessingTimeUnit
from procedures.search import normalize
from procedures.services.publishing import record_change, steps_problem

MAX_ROWS = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024
CODE_PATTERN = re.compile(r"^\d{1,2}\.\d{6}$")

# (key, header as exported). Headers are matched ignoring case and diacritics; the key works too.
COLUMNS = [
    ("code", "Mã thủ tục"),
    ("name", "Tên thủ tục"),
    ("sector", "Lĩnh vực"),
    ("levels", "Cấp thực hiện"),
    ("agencies", "Cơ quan thực hiện"),
    ("processing_time", "Thời hạn giải quyết"),
    ("fees", "Phí, lệ phí"),
    ("online_level", "Mức độ trực tuyến"),
    ("components", "Thành phần hồ sơ"),
    ("steps", "Quy trình nội bộ"),
    ("channels", "Cách thức thực hiện"),
    ("applicants", "Đối tượng thực hiện"),
    ("result", "Kết quả thực hiện"),
    ("conditions", "Yêu cầu, điều kiện"),
    ("legal_basis", "Căn cứ pháp lý"),
]
REQUIRED = ["code", "name", "sector", "levels", "agencies", "processing_time", "online_level"]
LEVEL_WORDS = {"tinh": "province", "huyen": "district", "xa": "commune"}
ONLINE_WORDS = {
    "toan trinh": OnlineLevel.FULL,
    "muc do 4": OnlineLevel.FULL,
    "4": OnlineLevel.FULL,
    "mot phan": OnlineLevel.PARTIAL,
    "muc do 3": OnlineLevel.PARTIAL,
    "3": OnlineLevel.PARTIAL,
    "cung cap thong tin": OnlineLevel.NOT_ONLINE,
    "khong truc tuyen": OnlineLevel.NOT_ONLINE,
    "muc do 2": OnlineLevel.NOT_ONLINE,
    "2": OnlineLevel.NOT_ONLINE,
    "muc do 1": OnlineLevel.NOT_ONLINE,
    "1": OnlineLevel.NOT_ONLINE,
}
ONLINE_EXPORT = {
    OnlineLevel.FULL: "Toàn trình",
    OnlineLevel.PARTIAL: "Một phần",
    OnlineLevel.NOT_ONLINE: "Cung cấp thông tin",
}
FORM_WORDS = {
    "ban chinh": DossierComponent.Form.ORIGINAL,
    "ban sao co chung thuc": DossierComponent.Form.CERTIFIED_COPY,
    "ban sao": DossierComponent.Form.COPY,
    "ban chinh hoac ban sao": DossierComponent.Form.ORIGINAL_OR_COPY,
}
FORM_EXPORT = {
    DossierComponent.Form.ORIGINAL: "Bản chính",
    DossierComponent.Form.COPY: "Bản sao",
    DossierComponent.Form.CERTIFIED_COPY: "Bản sao có chứng thực",
    DossierComponent.Form.ORIGINAL_OR_COPY: "Bản chính hoặc bản sao",
}
ROLE_WORDS = {
    "tiep nhan": ProcessStep.Role.RECEIVING_OFFICER,
    "can bo tiep nhan": ProcessStep.Role.RECEIVING_OFFICER,
    "receiving_officer": ProcessStep.Role.RECEIVING_OFFICER,
    "chuyen vien": ProcessStep.Role.SPECIALIST,
    "chuyen vien xu ly": ProcessStep.Role.SPECIALIST,
    "specialist": ProcessStep.Role.SPECIALIST,
    "lanh dao": ProcessStep.Role.LEADER,
    "leader": ProcessStep.Role.LEADER,
    "quan tri don vi": ProcessStep.Role.AGENCY_ADMIN,
    "agency_admin": ProcessStep.Role.AGENCY_ADMIN,
}
ROLE_EXPORT = {
    ProcessStep.Role.RECEIVING_OFFICER: "Tiếp nhận",
    ProcessStep.Role.SPECIALIST: "Chuyên viên",
    ProcessStep.Role.LEADER: "Lãnh đạo",
    ProcessStep.Role.AGENCY_ADMIN: "Quản trị đơn vị",
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, missing columns, too large)."""


@dataclass
class LineReport:
    row: int
    code: str
    outcome: str = "rejected"  # created, updated, unchanged, rejected
    messages: list = field(default_factory=list)
    data: dict | None = None

    @property
    def outcome_label(self):
        return {
            "created": _("Tạo mới"),
            "updated": _("Cập nhật"),
            "unchanged": _("Không thay đổi"),
            "rejected": _("Từ chối"),
        }[self.outcome]


@dataclass
class ImportReport:
    applied: bool
    lines: list

    def count(self, outcome):
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def created(self):
        return self.count("created")

    @property
    def updated(self):
        return self.count("updated")

    @property
    def unchanged(self):
        return self.count("unchanged")

    @property
    def rejected(self):
        return self.count("rejected")


# --- reading files --------------------------------------------------------------------------------
def read_rows(content: bytes, filename: str) -> list[dict]:
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("Tệp quá lớn (tối đa 5 MB)."))
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif name.endswith(".csv"):
        table = _read_csv(content)
    else:
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    table = [row for row in table if any(str(cell or "").strip() for cell in row)]
    if not table:
        raise ImportFileError(_("Tệp không có dữ liệu."))
    header, *body = table
    keys = _map_header(header)
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_ROWS})
    rows = []
    for values in body:
        row = {}
        for index, key in keys.items():
            value = values[index] if index < len(values) else ""
            row[key] = "" if value is None else str(value).strip()
        rows.append(row)
    return rows


def _read_xlsx(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp bị hỏng hoặc không đúng định dạng.")
        ) from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _read_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("Tệp CSV phải được mã hóa UTF-8.")) from error
    if "\x00" in text:
        raise ImportFileError(_("Tệp CSV không hợp lệ."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise ImportFileError(_("Tệp CSV không hợp lệ: %(error)s") % {"error": error}) from error


def _map_header(header):
    wanted = {}
    for key, label in COLUMNS:
        wanted[normalize(label)] = key
        wanted[key] = key
    keys = {}
    for index, cell in enumerate(header):
        key = wanted.get(normalize(str(cell or "")))
        if key and key not in keys.values():
            keys[index] = key
    missing = [label for key, label in COLUMNS if key in REQUIRED and key not in keys.values()]
    if missing:
        raise ImportFileError(
            _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return keys


# --- parsing one line -----------------------------------------------------------------------------
def _split(text, seps=";\n"):
    parts = re.split("[" + re.escape(seps) + "]", text or "")
    return [p.strip() for p in parts if p.strip()]


def _parse_amount(text):
    cleaned = normalize(text).replace("dong", "").replace(" d", "").replace("vnd", "").strip()
    cleaned = cleaned.replace(".", "").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+", cleaned or "x"):
        return None
    return int(cleaned)


class Lookups:
    """Sectors and agencies by code and by folded name, loaded once per import."""

    def __init__(self):
        self.sectors = {}
        for sector in Sector.objects.all():
            self.sectors[sector.code.lower()] = sector
            self.sectors[normalize(sector.name)] = sector
        self.agencies = {}
        for agency in Agency.objects.all():
            self.agencies[agency.code.lower()] = agency
            self.agencies.setdefault(normalize(agency.name), agency)

    def sector(self, text):
        return self.sectors.get(text.lower()) or self.sectors.get(normalize(text))

    def agency(self, text):
        return self.agencies.get(text.lower()) or self.agencies.get(normalize(text))


def parse_line(row: dict, lookups: Lookups) -> tuple[dict, list[str]]:
    """Turn one spreadsheet line into the data of a version, or say why it cannot be."""
    errors = []
    data = {}
    code = row.get("code", "")
    if not code:
        errors.append(_("Thiếu mã thủ tục."))
    elif not CODE_PATTERN.match(code):
        errors.append(
            _("Mã thủ tục “%(code)s” không đúng dạng (ví dụ 1.001234).") % {"code": code[:50]}
        )
    data["code"] = code
    name = row.get("name", "")
    if not name:
        errors.append(_("Thiếu tên thủ tục."))
    elif len(name) > 500:
        errors.append(_("Tên thủ tục dài quá 500 ký tự."))
    data["name"] = name

    sector = lookups.sector(row.get("sector", "")) if row.get("sector") else None
    if sector is None:
        errors.append(
            _("Lĩnh vực “%(sector)s” không có trong danh mục lĩnh vực.")
            % {"sector": row.get("sector", "")[:100]}
        )
    data["sector"] = sector

    levels = set()
    for part in _split(row.get("levels", ""), ";,\n"):
        folded = normalize(part).removeprefix("cap ").strip()
        if folded in LEVEL_WORDS:
            levels.add(LEVEL_WORDS[folded])
        else:
            errors.append(_("Cấp thực hiện “%(level)s” không hợp lệ.") % {"level": part[:50]})
    if not levels and not any("Cấp thực hiện" in e for e in errors):
        errors.append(_("Thiếu cấp thực hiện."))
    data["levels"] = levels

    agencies = []
    for part in _split(row.get("agencies", "")):
        agency = lookups.agency(part)
        if agency is None:
            errors.append(_("Không có cơ quan “%(agency)s”.") % {"agency": part[:100]})
        elif agency not in agencies:
            agencies.append(agency)
    if not agencies and not row.get("agencies"):
        errors.append(_("Thiếu cơ quan thực hiện."))
    data["agencies"] = agencies

    data["processing"] = _parse_processing_time(row.get("processing_time", ""), errors)

    online = ONLINE_WORDS.get(normalize(row.get("online_level", "")))
    if online is None:
        errors.append(
            _(
                "Mức độ trực tuyến “%(level)s” không hợp lệ (Toàn trình, Một phần, Cung cấp thông tin)."
            )
            % {"level": row.get("online_level", "")[:50]}
        )
    data["online_level"] = online

    data["fees"] = _parse_fees(row.get("fees", ""), errors)
    data["components"] = _parse_components(row.get("components", ""), errors)
    data["steps"] = _parse_steps(row.get("steps", ""), errors)
    data["channels"] = _parse_channels(row.get("channels", ""), online)
    for key in ("applicants", "result", "conditions", "legal_basis"):
        data[key] = row.get(key, "")

    if not errors and data["steps"]:
        probe = ProcedureVersion(
            processing_time=data["processing"][0], processing_time_unit=data["processing"][1]
        )
        steps = [ProcessStep(budget_hours=s["budget_hours"]) for s in data["steps"]]
        problem = steps_problem(probe, steps)
        if problem:
            errors.append(problem)
    return data, errors


def _parse_processing_time(text, errors):
    folded = normalize(text)
    if folded in {"trong ngay", "trong ngay lam viec", "0"}:
        return (0, ProcessingTimeUnit.SAME_DAY)
    match = re.fullmatch(
        r"(\d{1,4})(?:\s*\(.*\))?\s*(ngay lam viec|ngay|gio lam viec|gio)?", folded
    )
    if not match or int(match.group(1)) <= 0:
        errors.append(
            _(
                "Thời hạn giải quyết “%(time)s” không hợp lệ (ví dụ: 5 ngày làm việc, 8 giờ làm việc, Trong ngày)."
            )
            % {"time": text[:50]}
        )
        return (0, ProcessingTimeUnit.WORKING_DAYS)
    unit = match.group(2) or "ngay"
    return (
        int(match.group(1)),
        ProcessingTimeUnit.WORKING_HOURS
        if unit.startswith("gio")
        else ProcessingTimeUnit.WORKING_DAYS,
    )


def _parse_fees(text, errors):
    fees = []
    if normalize(text) in {"", "khong", "khong co", "mien phi", "0"}:
        return fees
    for part in _split(text):
        description, sep, amount_text = part.rpartition(":")
        if not sep:
            description, amount_text = _("Lệ phí"), part
        amount = _parse_amount(amount_text)
        description = description.strip()
        if amount is None:
            errors.append(_("Mức phí “%(fee)s” không phải số tiền.") % {"fee": part[:80]})
            continue
        if amount < 0:
            errors.append(_("Mức phí không được âm: “%(fee)s”.") % {"fee": part[:80]})
            continue
        kind = Fee.Kind.FEE if normalize(description).startswith("phi") else Fee.Kind.CHARGE
        fees.append({"kind": kind, "description": description[:500], "amount": amount})
    return fees


def _parse_components(text, errors):
    components = []
    for part in _split(text):
        bits = [b.strip() for b in part.split("|")]
        name = bits[0]
        item = {"name": name[:500], "form": DossierComponent.Form.ORIGINAL, "copies": 1}
        item["is_mandatory"] = True
        if len(bits) > 1 and bits[1]:
            form = FORM_WORDS.get(normalize(bits[1]))
            if form is None:
                errors.append(
                    _("Loại bản “%(form)s” của giấy tờ “%(name)s” không hợp lệ.")
                    % {"form": bits[1][:40], "name": name[:80]}
                )
            else:
                item["form"] = form
        if len(bits) > 2 and bits[2]:
            if bits[2].isdigit() and 0 < int(bits[2]) < 100:
                item["copies"] = int(bits[2])
            else:
                errors.append(
                    _("Số lượng bản “%(copies)s” của giấy tờ “%(name)s” không hợp lệ.")
                    % {"copies": bits[2][:20], "name": name[:80]}
                )
        if len(bits) > 3 and bits[3]:
            item["is_mandatory"] = not normalize(bits[3]).startswith(("co dieu kien", "khong"))
        components.append(item)
    return components


def _parse_steps(text, errors):
    steps = []
    for part in _split(text):
        bits = [b.strip() for b in part.split("|")]
        if len(bits) != 3:
            errors.append(
                _("Bước quy trình “%(step)s” phải có dạng: tên | vai trò | số giờ.")
                % {"step": part[:80]}
            )
            continue
        role = ROLE_WORDS.get(normalize(bits[1])) or ROLE_WORDS.get(bits[1])
        try:
            hours = Decimal(bits[2].replace(",", "."))
        except InvalidOperation:
            hours = None
        if role is None:
            errors.append(_("Vai trò “%(role)s” không hợp lệ.") % {"role": bits[1][:40]})
        if hours is None or hours < 0 or hours > 10000:
            errors.append(_("Số giờ “%(hours)s” không hợp lệ.") % {"hours": bits[2][:20]})
        if role is not None and hours is not None:
            steps.append({"name": bits[0][:500], "role": role, "budget_hours": hours})
    return steps


def _parse_channels(text, online):
    folded = normalize(text)
    if not folded:
        return {
            "channel_in_person": True,
            "channel_online": online not in (None, OnlineLevel.NOT_ONLINE),
            "channel_postal": False,
        }
    return {
        "channel_in_person": "truc tiep" in folded,
        "channel_online": "truc tuyen" in folded,
        "channel_postal": "buu chinh" in folded,
    }


# --- comparing and writing ------------------------------------------------------------------------
def working_version(procedure):
    """The version an import compares with and an export writes: the draft, else the latest."""
    versions = sorted(procedure.versions.all(), key=lambda v: v.number, reverse=True)
    for version in versions:
        if version.status == VersionStatus.DRAFT:
            return version
    return versions[0] if versions else None


def fingerprint_data(data):
    return {
        "name": data["name"],
        "sector": data["sector"].pk,
        "levels": sorted(data["levels"]),
        "agencies": sorted(a.pk for a in data["agencies"]),
        "processing": [data["processing"][0], str(data["processing"][1])],
        "online_level": str(data["online_level"]),
        "fees": [[str(f["kind"]), f["description"], f["amount"]] for f in data["fees"]],
        "components": [
            [c["name"], str(c["form"]), c["copies"], c["is_mandatory"]] for c in data["components"]
        ],
        "steps": [
            [s["name"], str(s["role"]), str(Decimal(s["budget_hours"]).normalize())]
            for s in data["steps"]
        ],
        "channels": data["channels"],
        **{k: data[k] for k in ("applicants", "result", "conditions", "legal_basis")},
    }


def fingerprint_version(version):
    return {
        "name": version.name,
        "sector": version.sector_id,
        "levels": sorted(str(level) for level in version.government_levels),
        "agencies": sorted(a.pk for a in version.agencies.all()),
        "processing": [version.processing_time, str(version.processing_time_unit)],
        "online_level": str(version.online_level),
        "fees": [[str(f.kind), f.description, f.amount] for f in version.fees.all()],
        "components": [
            [c.name, str(c.form), c.copies, c.is_mandatory] for c in version.components.all()
        ],
        "steps": [
            [s.name, str(s.role), str(Decimal(s.budget_hours).normalize())]
            for s in version.steps.all()
        ],
        "channels": {
            "channel_in_person": version.channel_in_person,
            "channel_online": version.channel_online,
            "channel_postal": version.channel_postal,
        },
        "applicants": version.applicants,
        "result": version.result,
        "conditions": version.conditions,
        "legal_basis": version.legal_basis,
    }


def _write_version(version, data):
    version.name = data["name"]
    version.sector = data["sector"]
    version.at_province_level = "province" in data["levels"]
    version.at_district_level = "district" in data["levels"]
    version.at_commune_level = "commune" in data["levels"]
    version.processing_time, version.processing_time_unit = data["processing"]
    version.online_level = data["online_level"]
    for key, value in data["channels"].items():
        setattr(version, key, value)
    for key in ("applicants", "result", "conditions", "legal_basis"):
        setattr(version, key, data[key])
    version.save()
    version.agencies.set(data["agencies"])
    version.fees.all().delete()
    version.components.all().delete()
    version.steps.all().delete()
    Fee.objects.bulk_create(
        Fee(version=version, order=i, **fee) for i, fee in enumerate(data["fees"], 1)
    )
    DossierComponent.objects.bulk_create(
        DossierComponent(version=version, order=i, **c) for i, c in enumerate(data["components"], 1)
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, order=i, unit_name="", **s)
        for i, s in enumerate(data["steps"], 1)
    )


def import_catalogue(content: bytes, filename: str, *, owner_agency, user, apply=False):
    """Check (and with ``apply`` write) a catalogue spreadsheet; returns an ``ImportReport``."""
    rows = read_rows(content, filename)
    lookups = Lookups()
    existing = {
        p.code: p
        for p in Procedure.objects.filter(
            code__in=[r.get("code", "") for r in rows]
        ).prefetch_related(
            "versions__agencies", "versions__fees", "versions__components", "versions__steps"
        )
    }
    seen = {}
    lines = []
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        line = LineReport(row=number, code=row.get("code", "")[:40])
        data, errors = parse_line(row, lookups)
        if line.code and line.code in seen:
            errors.insert(
                0,
                _("Mã thủ tục trùng với dòng %(row)s của tệp.") % {"row": seen[line.code]},
            )
        elif line.code:
            seen[line.code] = number
        if errors:
            line.messages = errors
            lines.append(line)
            continue
        procedure = existing.get(data["code"])
        current = working_version(procedure) if procedure else None
        if current is None:
            line.outcome = "created"
        elif fingerprint_version(current) == fingerprint_data(data):
            line.outcome = "unchanged"
        else:
            line.outcome = "updated"
            if current.status != VersionStatus.DRAFT:
                line.messages = [_("Tạo phiên bản dự thảo mới; bản đang công bố giữ nguyên.")]
        line.data = data
        lines.append(line)

    if apply:
        with transaction.atomic():
            for line in lines:
                if line.outcome in ("created", "updated"):
                    _apply_line(line, existing, owner_agency, user)
    return ImportReport(applied=apply, lines=lines)


def _apply_line(line, existing, owner_agency, user):
    data = line.data
    procedure = existing.get(data["code"])
    if procedure is None:
        procedure = Procedure.objects.create(code=data["code"], name=data["name"])
        version = ProcedureVersion(procedure=procedure, number=1, owner_agency=owner_agency)
        action = _("Nhập mới từ tệp danh mục (dòng %(row)s).")
    else:
        current = working_version(procedure)
        if current.status == VersionStatus.DRAFT:
            version = current
            action = _("Cập nhật dự thảo từ tệp danh mục (dòng %(row)s).")
        else:
            number = max(v.number for v in procedure.versions.all()) + 1
            version = ProcedureVersion(
                procedure=procedure,
                number=number,
                owner_agency=current.owner_agency,
                form_schema=current.form_schema,
                required_assurance=current.required_assurance,
                online_eligible=current.online_eligible,
                steps_text=current.steps_text,
                fee_note=current.fee_note,
                for_citizens=current.for_citizens,
                for_organisations=current.for_organisations,
                decision_reference=current.decision_reference,
            )
            action = _("Tạo dự thảo mới từ tệp danh mục (dòng %(row)s).")
    _write_version(version, data)
    record_change(user, "import", action % {"row": line.row}, version=version)


# --- export ---------------------------------------------------------------------------------------
def export_rows(versions):
    """The rows of the catalogue spreadsheet for the working version of each procedure."""
    procedure_ids = {v.procedure_id for v in versions}
    procedures = Procedure.objects.filter(pk__in=procedure_ids).prefetch_related(
        "versions__sector",
        "versions__agencies",
        "versions__fees",
        "versions__components",
        "versions__steps",
    )
    level_names = {"province": "Cấp Tỉnh", "district": "Cấp Huyện", "commune": "Cấp Xã"}
    yield [label for _key, label in COLUMNS]
    for procedure in procedures.order_by("code"):
        v = working_version(procedure)
        channels = []
        if v.channel_in_person:
            channels.append("Trực tiếp")
        if v.channel_online:
            channels.append("Trực tuyến")
        if v.channel_postal:
            channels.append("Bưu chính")
        if v.processing_time_unit == ProcessingTimeUnit.SAME_DAY:
            time_text = "Trong ngày"
        elif v.processing_time_unit == ProcessingTimeUnit.WORKING_HOURS:
            time_text = f"{v.processing_time} giờ làm việc"
        else:
            time_text = f"{v.processing_time} ngày làm việc"
        yield [
            procedure.code,
            v.name,
            v.sector.code,
            "; ".join(level_names[str(level)] for level in v.government_levels),
            "; ".join(a.code for a in v.agencies.all()),
            time_text,
            "; ".join(f"{f.description}: {f.amount}" for f in v.fees.all()),
            ONLINE_EXPORT[v.online_level],
            "; ".join(
                f"{c.name} | {FORM_EXPORT[c.form]} | {c.copies} | "
                + ("Bắt buộc" if c.is_mandatory else "Có điều kiện")
                for c in v.components.all()
            ),
            "; ".join(
                f"{s.name} | {ROLE_EXPORT[s.role]} | {Decimal(s.budget_hours).normalize():f}"
                for s in v.steps.all()
            ),
            ", ".join(channels),
            v.applicants,
            v.result,
            v.conditions,
            v.legal_basis,
        ]


def export_catalogue(versions, fmt="xlsx"):
    rows = list(export_rows(list(versions)))
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return (
            ("\ufeff" + buffer.getvalue()).encode("utf-8"),
            "text/csv; charset=utf-8",
            "danh-muc-thu-tuc.csv",
        )
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục TTHC"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return (
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "danh-muc-thu-tuc.xlsx",
    )
