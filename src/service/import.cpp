#include "service/import.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"

namespace corridor::service {
namespace {

using Row = std::vector<std::string>;

// Reads one CSV row into a domain value, remembering the first problem and its column.
class RowReader {
 public:
  RowReader(const CsvHeader& header, const Row& row) : header_(header), row_(row) {}

  std::string Text(std::string_view column) {
    return std::string(TrimAscii(header_.Get(row_, column)));
  }
  std::string Required(std::string_view column) {
    std::string v = Text(column);
    if (v.empty()) Fail(column, "is required");
    return v;
  }
  Date DateField(std::string_view column, bool required = true) {
    const std::string v = required ? Required(column) : Text(column);
    if (v.empty()) return {};
    auto d = Date::Parse(v);
    if (!d.ok()) Fail(column, d.status().message());
    return d.ok() ? *d : Date();
  }
  std::optional<Date> OptionalDate(std::string_view column) {
    if (Text(column).empty()) return std::nullopt;
    return DateField(column);
  }
  int Int(std::string_view column, int lo, int hi) {
    const std::string v = Required(column);
    if (v.empty()) return lo;
    if (!IsAsciiDigits(v) || v.size() > 6) {
      Fail(column, "must be a whole number");
      return lo;
    }
    const int n = std::stoi(v);
    if (n < lo || n > hi) {
      Fail(column, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
      return lo;
    }
    return n;
  }
  Money MoneyField(std::string_view column, const std::string& currency, bool required = true) {
    const std::string v = required ? Required(column) : Text(column);
    if (v.empty()) return Money{0, currency};
    auto m = Money::Parse(v, currency);
    if (!m.ok()) Fail(column, m.status().message());
    return m.ok() ? *m : Money{0, currency};
  }
  template <typename E, typename F>
  E Enum(std::string_view column, F parse, E fallback, bool required = true) {
    const std::string v = required ? Required(column) : Text(column);
    if (v.empty()) return fallback;
    auto r = parse(v);
    if (!r.ok()) {
      Fail(column, r.status().message());
      return fallback;
    }
    return *r;
  }
  void Fail(std::string_view column, std::string message) {
    if (error_.message.empty()) error_ = {0, std::string(column), std::move(message)};
  }
  bool ok() const { return error_.message.empty(); }
  const ImportError& error() const { return error_; }

 private:
  const CsvHeader& header_;
  const Row& row_;
  ImportError error_;
};

// Maps a domain field path in a Status to the CSV column it came from.
std::string ColumnFor(ImportKind kind, const std::string& field) {
  if (kind == ImportKind::kWorkers) {
    if (field == "passport.number") return "passport_number";
    if (field == "passport.issuing_state") return "passport_issuing_state";
    if (field == "passport.expiry") return "passport_expiry";
  }
  if (kind == ImportKind::kContracts) {
    if (field == "worker") return "worker_passport_number";
    if (field == "employer") return "employer_registration_number";
    if (field == "agency") return "agency_licence_number";
    if (field == "basic_wage.currency") return "currency";
    for (const char* a : {"housing", "food", "transport"}) {
      if (field == std::string(a) + ".amount") return std::string(a) + "_amount";
      if (field == a) return std::string(a) + "_kind";
    }
    if (field.rfind("languages", 0) == 0) return "languages";
  }
  if (kind == ImportKind::kWageFloors && field == "minimum") return "minimum";
  return field;
}

Result<domain::Worker> ReadWorker(RowReader& r) {
  domain::Worker w;
  w.family_name_latin = r.Required("family_name_latin");
  w.given_names_latin = r.Text("given_names_latin");
  w.name_native = r.Text("name_native");
  w.date_of_birth = r.DateField("date_of_birth");
  w.sex = r.Enum("sex", domain::ParseSex, domain::Sex::kUnspecified);
  w.nationality = r.Required("nationality");
  w.passport.number = r.Required("passport_number");
  w.passport.issuing_state = r.Required("passport_issuing_state");
  w.passport.expiry = r.DateField("passport_expiry");
  w.phone = r.Required("phone");
  w.preferred_language = r.Required("preferred_language");
  return w;
}

domain::Employer ReadEmployer(RowReader& r) {
  domain::Employer e;
  e.registration_number = r.Required("registration_number");
  e.name = r.Required("name");
  e.sector = r.Required("sector");
  e.establishment = r.Required("establishment");
  e.country = r.Required("country");
  return e;
}

domain::Agency ReadAgency(RowReader& r) {
  domain::Agency a;
  a.licence_number = r.Required("licence_number");
  a.name = r.Required("name");
  a.country = r.Required("country");
  a.status = r.Enum("status", domain::ParseLicenceStatus, domain::LicenceStatus::kActive, false);
  a.licence_expiry = r.OptionalDate("licence_expiry");
  return a;
}

domain::Allowance ReadAllowance(RowReader& r, const std::string& name,
                                const std::string& currency) {
  domain::Allowance a;
  a.kind = r.Enum(name + "_kind", domain::ParseAllowanceKind, domain::AllowanceKind::kNone, false);
  if (!r.Text(name + "_amount").empty()) a.amount = r.MoneyField(name + "_amount", currency);
  return a;
}

// Contracts name their parties by natural keys, which the store resolves to ids.
Status ReadContract(RowReader& r, store::WriteTx& tx, domain::Contract& c, bool& offer) {
  domain::ContractTerms& t = c.terms;
  t.origin_country = r.Required("origin_country");
  t.destination_country = r.Required("destination_country");
  const std::string issuing = r.Required("worker_passport_issuing_state");
  const std::string passport = r.Required("worker_passport_number");
  const std::string registration = r.Required("employer_registration_number");
  const std::string licence = r.Text("agency_licence_number");
  const std::string currency = r.Required("currency");
  t.position = r.Required("position");
  t.isco_code = r.Required("isco_code");
  t.basic_wage = r.MoneyField("basic_wage", currency);
  t.housing = ReadAllowance(r, "housing", currency);
  t.food = ReadAllowance(r, "food", currency);
  t.transport = ReadAllowance(r, "transport", currency);
  t.hours_per_day = r.Int("hours_per_day", 1, 24);
  t.days_per_week = r.Int("days_per_week", 1, 7);
  t.weekly_rest_day = r.Enum("weekly_rest_day", domain::ParseWeekday, domain::Weekday::kFriday);
  t.overtime_percent = r.Int("overtime_percent", 0, 1000);
  t.annual_leave_days = r.Int("annual_leave_days", 0, 365);
  t.probation_months = r.Int("probation_months", 0, 60);
  t.start_date = r.DateField("start_date");
  t.duration_months = r.Int("duration_months", 1, 120);
  t.notice_period_days = r.Int("notice_period_days", 0, 365);
  t.place_of_work = r.Required("place_of_work");
  t.accommodation =
      r.Enum("accommodation", domain::ParseAccommodation, domain::Accommodation::kProvidedFree);
  t.accommodation_details = r.Text("accommodation_details");
  t.recruitment_fees_paid_by =
      r.Enum("recruitment_fees_paid_by", domain::ParsePayer, domain::Payer::kEmployer);
  t.travel_paid_by = r.Enum("travel_paid_by", domain::ParsePayer, domain::Payer::kEmployer);
  t.repatriation_paid_by =
      r.Enum("repatriation_paid_by", domain::ParsePayer, domain::Payer::kEmployer);
  t.worker_fees = r.MoneyField("worker_fees", currency, false);
  const std::string langs = r.Required("languages");
  for (size_t start = 0; start <= langs.size();) {
    size_t end = langs.find_first_of(" ;", start);
    if (end == std::string::npos) end = langs.size();
    if (end > start) t.languages.push_back(langs.substr(start, end - start));
    start = end + 1;
  }
  const std::string offer_text = r.Text("offer");
  if (offer_text == "yes") {
    offer = true;
  } else if (offer_text.empty() || offer_text == "no") {
    offer = false;
  } else {
    r.Fail("offer", "must be yes or no");
  }
  if (!r.ok()) return Status::Ok();
  ASSIGN_OR_RETURN(auto worker, tx.FindWorkerByPassport(issuing, passport));
  if (!worker) {
    r.Fail("worker_passport_number",
           "no worker with passport " + passport + " of " + issuing + " is registered");
    return Status::Ok();
  }
  t.worker = worker->id;
  ASSIGN_OR_RETURN(auto employer,
                   tx.FindEmployerByRegistration(t.destination_country, registration));
  if (!employer) {
    r.Fail("employer_registration_number", "no employer with registration number " + registration +
                                               " in " + t.destination_country + " is registered");
    return Status::Ok();
  }
  t.employer = employer->id;
  if (!licence.empty()) {
    ASSIGN_OR_RETURN(auto agency, tx.FindAgencyByLicence(t.origin_country, licence));
    if (!agency) {
      r.Fail("agency_licence_number",
             "no agency with licence " + licence + " of " + t.origin_country + " is registered");
      return Status::Ok();
    }
    t.agency = agency->id;
  }
  return Status::Ok();
}

}  // namespace

Result<ImportKind> ParseImportKind(std::string_view text) {
  if (text == "workers") return ImportKind::kWorkers;
  if (text == "employers") return ImportKind::kEmployers;
  if (text == "agencies") return ImportKind::kAgencies;
  if (text == "contracts") return ImportKind::kContracts;
  if (text == "occupations") return ImportKind::kOccupations;
  if (text == "wage_floors") return ImportKind::kWageFloors;
  return Status::InvalidArgument(
      "must be workers, employers, agencies, contracts, occupations or wage_floors", "kind");
}

std::vector<std::string_view> RequiredColumns(ImportKind kind) {
  switch (kind) {
    case ImportKind::kWorkers:
      return {"family_name_latin", "date_of_birth",   "sex",
              "nationality",       "passport_number", "passport_issuing_state",
              "passport_expiry",   "phone",           "preferred_language"};
    case ImportKind::kEmployers:
      return {"registration_number", "name", "sector", "establishment", "country"};
    case ImportKind::kAgencies:
      return {"licence_number", "name", "country"};
    case ImportKind::kContracts:
      return {"worker_passport_issuing_state",
              "worker_passport_number",
              "employer_registration_number",
              "origin_country",
              "destination_country",
              "position",
              "isco_code",
              "currency",
              "basic_wage",
              "hours_per_day",
              "days_per_week",
              "weekly_rest_day",
              "overtime_percent",
              "annual_leave_days",
              "probation_months",
              "start_date",
              "duration_months",
              "notice_period_days",
              "place_of_work",
              "accommodation",
              "recruitment_fees_paid_by",
              "travel_paid_by",
              "repatriation_paid_by",
              "languages"};
    case ImportKind::kOccupations:
      return {"isco_code", "title"};
    case ImportKind::kWageFloors:
      return {"country", "currency", "minimum", "effective_from"};
  }
  return {};
}

std::vector<std::string_view> OptionalColumns(ImportKind kind) {
  switch (kind) {
    case ImportKind::kWorkers:
      return {"given_names_latin", "name_native"};
    case ImportKind::kEmployers:
      return {};
    case ImportKind::kAgencies:
      return {"status", "licence_expiry"};
    case ImportKind::kContracts:
      return {
          "agency_licence_number", "housing_kind",   "housing_amount",   "food_kind",
          "food_amount",           "transport_kind", "transport_amount", "accommodation_details",
          "worker_fees",           "offer"};
    case ImportKind::kOccupations:
      return {};
    case ImportKind::kWageFloors:
      return {"isco_code"};
  }
  return {};
}

Result<ImportReport> Import(Registry& registry, const domain::Actor& actor, ImportKind kind,
                            std::istream& in, const ImportOptions& options) {
  CsvReader csv(in);
  Row row;
  ASSIGN_OR_RETURN(bool has_header, csv.Next(row));
  if (!has_header) return Status::InvalidArgument("the file is empty: a header row is required");
  ASSIGN_OR_RETURN(CsvHeader header,
                   CsvHeader::From(row, RequiredColumns(kind), OptionalColumns(kind)));
  ImportReport report;
  Status outcome = registry.store().Write(actor.account, [&](store::WriteTx& tx) -> Status {
    for (;;) {
      ASSIGN_OR_RETURN(bool more, csv.Next(row));
      if (!more) break;
      ++report.rows;
      const uint64_t line = csv.record_line();
      RowReader r(header, row);
      Status s;
      if (row.size() != header.size()) {
        r.Fail("", "has " + std::to_string(row.size()) + " fields; the header has " +
                       std::to_string(header.size()));
      } else {
        switch (kind) {
          case ImportKind::kWorkers: {
            auto w = ReadWorker(r);
            if (r.ok()) s = registry.RegisterWorkerIn(tx, actor, *w);
            break;
          }
          case ImportKind::kEmployers: {
            auto e = ReadEmployer(r);
            if (r.ok()) s = registry.RegisterEmployerIn(tx, actor, e);
            break;
          }
          case ImportKind::kAgencies: {
            auto a = ReadAgency(r);
            if (r.ok()) s = registry.RegisterAgencyIn(tx, actor, a);
            break;
          }
          case ImportKind::kContracts: {
            domain::Contract c;
            bool offer = false;
            RETURN_IF_ERROR(ReadContract(r, tx, c, offer));
            if (r.ok()) s = registry.DraftContractIn(tx, actor, c, offer);
            break;
          }
          case ImportKind::kOccupations: {
            domain::Occupation o{r.Required("isco_code"), r.Required("title")};
            if (r.ok()) s = registry.SetOccupationIn(tx, actor, o);
            break;
          }
          case ImportKind::kWageFloors: {
            domain::WageFloor f;
            f.country = r.Required("country");
            f.isco_code = r.Text("isco_code");
            f.minimum = r.MoneyField("minimum", r.Required("currency"));
            f.effective_from = r.DateField("effective_from");
            if (r.ok()) s = registry.SetWageFloorIn(tx, actor, f);
            break;
          }
        }
      }
      ImportError error;
      if (!r.ok()) {
        error = r.error();
      } else if (!s.ok()) {
        // A store or programming failure ends the import; a rule's refusal names the row.
        if (s.code() == Code::kInternal || s.code() == Code::kUnavailable ||
            s.code() == Code::kDataLoss || s.code() == Code::kResourceExhausted) {
          return s;
        }
        error = {0, ColumnFor(kind, s.field()), s.message()};
      }
      if (!error.message.empty()) {
        error.line = line;
        ++report.bad_rows;
        if (report.errors.size() < options.max_errors) report.errors.push_back(std::move(error));
      }
      if (options.progress && report.rows % 4096 == 0) {
        options.progress(csv.bytes_read(), report.rows);
      }
    }
    if (options.progress) options.progress(csv.bytes_read(), report.rows);
    if (report.bad_rows > 0) {
      return Status::InvalidArgument("the file has bad rows; nothing was imported");
    }
    report.imported = report.rows;
    return Status::Ok();
  });
  if (!outcome.ok() && report.bad_rows == 0) return outcome;  // the file itself or the store
  return report;
}

}  // namespace corridor::service
