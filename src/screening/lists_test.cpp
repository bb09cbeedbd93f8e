#include "screening/lists.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "test_data.hpp"

namespace corridor::screening {
namespace {

// The real lists the repository carries (tests/data/lists/README.md gives their provenance).
std::string ListFile(const std::string& name) {
  return corridor::testing::TestDataFile("lists/" + name);
}

const WatchlistEntry* Find(const std::vector<WatchlistEntry>& v, std::string_view id) {
  for (const auto& e : v) {
    if (e.entry_id == id) return &e;
  }
  return nullptr;
}

size_t CountNames(const WatchlistEntry& e, NameQuality q) {
  return static_cast<size_t>(std::count_if(e.names.begin(), e.names.end(),
                                           [&](const ListedName& n) { return n.quality == q; }));
}

TEST(UnListTest, RealListCounts) {
  std::ifstream in(ListFile("un-consolidated-list.xml"), std::ios::binary);
  ASSERT_TRUE(in.good());
  auto list = ParseUnConsolidatedList(in);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  size_t people = 0, entities = 0, with_dob = 0, aliases = 0, original = 0, docs = 0;
  for (const auto& e : *list) {
    EXPECT_EQ(e.list, "UN");
    ASSERT_FALSE(e.names.empty()) << e.entry_id;
    EXPECT_EQ(e.names[0].quality, NameQuality::kPrimary);
    if (e.kind == EntryKind::kPerson) {
      ++people;
      with_dob += e.dobs.empty() ? 0 : 1;
      docs += e.documents.size();
    } else {
      ++entities;
    }
    aliases += CountNames(e, NameQuality::kGood) + CountNames(e, NameQuality::kLow);
    for (const auto& n : e.names) original += n.script == Script::kArabic ? 1 : 0;
  }
  // Counted in the file itself: 730 INDIVIDUAL and 273 ENTITY elements; 677 individuals have
  // an INDIVIDUAL_DATE_OF_BIRTH with a date, a year or a range (one more gives only a note
  // naming a year); 454 documents have a NUMBER.
  EXPECT_EQ(people, 730u);
  EXPECT_EQ(entities, 273u);
  EXPECT_EQ(with_dob, 678u);
  EXPECT_EQ(docs, 454u);
  // 2,752 ALIAS_NAME values are not empty; those repeating a name of their own record are
  // kept once.
  EXPECT_GT(aliases, 2600u);
  EXPECT_LE(aliases, 2752u);
  EXPECT_GT(original, 300u);  // NAME_ORIGINAL_SCRIPT in Arabic letters
}

TEST(UnListTest, RealRecordFields) {
  std::ifstream in(ListFile("un-consolidated-list.xml"), std::ios::binary);
  auto list = ParseUnConsolidatedList(in);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const WatchlistEntry* e = Find(*list, "6907994");  // FRANK KAKOLELE BWAMBALE, CDi.002
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].full, "FRANK KAKOLELE BWAMBALE");
  EXPECT_EQ(e->names[0].parts, (std::vector<std::string>{"FRANK KAKOLELE", "BWAMBALE"}));
  EXPECT_EQ(e->reference, "CDi.002");
  EXPECT_EQ(e->listed_on->ToString(), "2005-11-01");
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"COD"});
  EXPECT_EQ(e->sex, Sex::kMale);
  ASSERT_EQ(e->names.size(), 4u);
  EXPECT_EQ(e->names[3].full, "AIGLE BLANC");
  EXPECT_EQ(e->names[3].quality, NameQuality::kGood);
  const WatchlistEntry* g = Find(*list, "6907995");  // GASTON IYAMUREMYE: Low alias, year
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->names[1].full, "Rumuli");
  EXPECT_EQ(g->names[1].quality, NameQuality::kLow);
  ASSERT_EQ(g->dobs.size(), 1u);
  EXPECT_EQ(g->dobs[0].ToString(), "1948");
  // Saddam Hussein's record carries the name in Arabic script.
  bool arabic = false;
  for (const auto& x : *list) {
    for (const auto& n : x.names) arabic = arabic || n.full == "صدام حسين التكريتي";
  }
  EXPECT_TRUE(arabic);
  // Between-years and passport documents.
  bool range = false, passport = false;
  for (const auto& x : *list) {
    for (const auto& d : x.dobs) range = range || d.kind == BirthDate::Kind::kYearRange;
    for (const auto& d : x.documents) {
      if (d.number == "OB 0243318") {
        passport = true;
        EXPECT_EQ(d.key, "OB0243318");
        EXPECT_EQ(d.country, "COD");
        EXPECT_EQ(d.type, "Passport");
      }
    }
  }
  EXPECT_TRUE(range);
  EXPECT_TRUE(passport);
}

std::string Wrap(const std::string& individual) {
  return "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n" + individual +
         "\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
}

Status ParseUnText(const std::string& xml) {
  std::istringstream in(xml);
  auto r = ParseUnConsolidatedList(in);
  return r.ok() ? Status::Ok() : r.status();
}

TEST(UnListTest, MalformedInputNamesLineAndElement) {
  const std::string good =
      "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME>"
      "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-01-31</DATE>"
      "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>";
  EXPECT_TRUE(ParseUnText(Wrap(good)).ok());

  // Truncated document: the error names a line.
  const std::string whole = Wrap(good);
  Status truncated = ParseUnText(whole.substr(0, whole.size() - 30));
  EXPECT_EQ(truncated.code(), Code::kInvalidArgument);
  EXPECT_NE(truncated.message().find("line "), std::string::npos) << truncated.message();
  EXPECT_NE(truncated.message().find("malformed XML"), std::string::npos) << truncated.message();

  // A bad date names its element and line 4 (the INDIVIDUAL starts on line 4).
  std::string bad_date = good;
  bad_date.replace(bad_date.find("1970-01-31"), 10, "1970-02-31");
  Status s = ParseUnText(Wrap(bad_date));
  EXPECT_NE(s.message().find("line 4: INDIVIDUAL_DATE_OF_BIRTH/DATE"), std::string::npos)
      << s.message();

  std::string bad_year = good;
  bad_year.replace(bad_year.find("<DATE>1970-01-31</DATE>"), 23, "<YEAR>19x0</YEAR>");
  s = ParseUnText(Wrap(bad_year));
  EXPECT_NE(s.message().find("INDIVIDUAL_DATE_OF_BIRTH/YEAR"), std::string::npos) << s.message();

  s =
      ParseUnText(Wrap("<INDIVIDUAL><DATAID>1</DATAID>"
                       "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
                       "<FROM_YEAR>1975</FROM_YEAR><TO_YEAR>1970</TO_YEAR>"
                       "</INDIVIDUAL_DATE_OF_BIRTH><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>"));
  EXPECT_NE(s.message().find("after TO_YEAR"), std::string::npos) << s.message();
  // A year the stored form cannot give back ("0986" would be written "986") is refused.
  s =
      ParseUnText(Wrap("<INDIVIDUAL><DATAID>1</DATAID>"
                       "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
                       "<FROM_YEAR>0986</FROM_YEAR><TO_YEAR>1974</TO_YEAR>"
                       "</INDIVIDUAL_DATE_OF_BIRTH><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>"));
  EXPECT_NE(s.message().find("INDIVIDUAL_DATE_OF_BIRTH/FROM_YEAR: year 0986 is out of range"),
            std::string::npos)
      << s.message();

  s = ParseUnText(Wrap("<INDIVIDUAL><DATAID>1</DATAID></INDIVIDUAL>"));
  EXPECT_NE(s.message().find("INDIVIDUAL/FIRST_NAME: the record has no name"), std::string::npos)
      << s.message();
  // A DATAID is one record's: a second record with it is refused where it starts.
  s = ParseUnText(Wrap(good + "\n" + good));
  EXPECT_EQ(s.message(), "line 5: INDIVIDUAL/DATAID: '1' appears twice");
  s = ParseUnText(Wrap("<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>"));
  EXPECT_NE(s.message().find("DATAID: missing"), std::string::npos) << s.message();
  s = ParseUnText("<?xml version=\"1.0\"?>\n<OTHER/>");
  EXPECT_NE(s.message().find("not CONSOLIDATED_LIST"), std::string::npos) << s.message();
  EXPECT_FALSE(ParseUnText("").ok());
  // Mismatched tags.
  s = ParseUnText(Wrap("<INDIVIDUAL><DATAID>1</DATAIDX></INDIVIDUAL>"));
  EXPECT_NE(s.message().find("malformed XML"), std::string::npos) << s.message();
}

TEST(OfacTest, RemarksExtractionOnRealLines) {
  // ent_num 2686, verbatim.
  auto r = ParseOfacRemarks(
      "DOB 31 Aug 1960; alt. DOB 31 Aug 1953; alt. DOB 31 Aug 1955; alt. DOB 31 Aug 1958; POB "
      "Al Basuriyah, Lebanon; Additional Sanctions Information - Subject to Secondary Sanctions "
      "Pursuant to the Hizballah Financial Sanctions Regulations; Gender Male; Passport 042833 "
      "(Lebanon); Secretary General of Hizballah; Linked To: HIZBALLAH.");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->dobs.size(), 4u);
  EXPECT_EQ(r->dobs[0].ToString(), "1960-08-31");
  EXPECT_EQ(r->dobs[3].ToString(), "1958-08-31");
  EXPECT_EQ(r->sex, Sex::kMale);
  ASSERT_EQ(r->documents.size(), 1u);
  EXPECT_EQ(r->documents[0].number, "042833");
  EXPECT_EQ(r->documents[0].country, "LBN");
  // ent_num 4107: Cedula numbers and several passports; nicknames as a.k.a.
  r = ParseOfacRemarks(
      "DOB 31 Jan 1939; Cedula No. 6068015 (Colombia); alt. Cedula No. 6067015 (Colombia); "
      "Passport T321642 (Colombia); alt. Passport 6067015 (Comoros); alt. Passport 77588 "
      "(Argentina); alt. Passport 10545599 (Venezuela); a.k.a. 'THE CHESS PLAYER'; a.k.a. "
      "'LUCAS'.");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->documents.size(), 6u);
  EXPECT_EQ(r->documents[1].type, "Cedula No.");
  EXPECT_EQ(r->documents[3].country, "COM");
  EXPECT_EQ(r->documents[5].country, "VEN");
  EXPECT_EQ(r->aliases, (std::vector<std::string>{"THE CHESS PLAYER", "LUCAS"}));
  // Ranges, circa and nationality.
  r = ParseOfacRemarks(
      "DOB 01 Jan 1947 to 01 Jan 1949; alt. DOB circa 1956; alt. DOB Oct 1966; alt. DOB 1979 "
      "to 1983; DOB circa 1979-1982; nationality Iran; alt. nationality Korea, North; citizen "
      "Syria.");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->dobs.size(), 5u);
  EXPECT_EQ(r->dobs[0].ToString(), "1947..1949");
  EXPECT_EQ(r->dobs[1].ToString(), "~1956");
  EXPECT_EQ(r->dobs[2].ToString(), "1966");
  EXPECT_EQ(r->dobs[3].ToString(), "1979..1983");
  EXPECT_EQ(r->dobs[4].ToString(), "1979..1982");
  EXPECT_EQ(r->nationalities, (std::vector<std::string>{"IRN", "PRK", "SYR"}));
  // A DOB that is not a date is an error, not a silent skip.
  EXPECT_FALSE(ParseOfacRemarks("DOB 31 Feb 1960.").ok());
  EXPECT_FALSE(ParseOfacRemarks("DOB 12 Foo 1960").ok());
  EXPECT_FALSE(ParseOfacRemarks("DOB 1990 to 1980").ok());
}

TEST(OfacTest, RealFiles) {
  std::ifstream sdn(ListFile("ofac-sdn.csv"), std::ios::binary);
  std::ifstream alt(ListFile("ofac-alt.csv"), std::ios::binary);
  auto list = ParseOfacSdn(sdn, alt);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  size_t people = 0, vessels = 0, aircraft = 0, entities = 0, with_dob = 0;
  for (const auto& e : *list) {
    people += e.kind == EntryKind::kPerson;
    vessels += e.kind == EntryKind::kVessel;
    aircraft += e.kind == EntryKind::kAircraft;
    entities += e.kind == EntryKind::kEntity;
    with_dob += !e.dobs.empty();
  }
  // Counted in the file: 8,976 rows (the last line is a DOS end-of-file mark), 4,620
  // individuals, 406 vessels, 277 aircraft.
  EXPECT_EQ(list->size(), 8976u);
  EXPECT_EQ(people, 4620u);
  EXPECT_EQ(vessels, 406u);
  EXPECT_EQ(aircraft, 277u);
  EXPECT_EQ(entities, 8976u - 4620u - 406u - 277u);
  EXPECT_GT(with_dob, 4000u);
  const WatchlistEntry* z = Find(*list, "2676");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->names[0].full, "Dr. Ayman AL ZAWAHIRI");
  EXPECT_EQ(z->names[0].parts, (std::vector<std::string>{"Dr.", "Ayman", "AL ZAWAHIRI"}));
  ASSERT_EQ(z->dobs.size(), 1u);
  EXPECT_EQ(z->dobs[0].ToString(), "1951-06-19");
  ASSERT_EQ(z->documents.size(), 2u);
  EXPECT_EQ(z->documents[0].country, "EGY");
  EXPECT_EQ(z->documents[1].key, "19820215");
  EXPECT_GT(z->names.size(), 1u);  // aliases from the alt file
  const WatchlistEntry* cuba = Find(*list, "36");
  ASSERT_NE(cuba, nullptr);
  EXPECT_EQ(cuba->kind, EntryKind::kEntity);
  EXPECT_EQ(cuba->names[1].full, "AERO-CARIBBEAN");
}

Status ParseOfacText(const std::string& sdn, const std::string& alt) {
  std::istringstream s(sdn), a(alt);
  auto r = ParseOfacSdn(s, a);
  return r.ok() ? Status::Ok() : r.status();
}

TEST(OfacTest, MalformedInput) {
  const std::string row =
      "2674,\"ABBAS, Abu\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 10 "
      "Dec 1948\"\n";
  EXPECT_TRUE(ParseOfacText(row, "2674,1,\"aka\",\"ABU ABBAS\",-0- \n").ok());
  Status s = ParseOfacText(row + "2675,\"X\",-0- \n", "");
  EXPECT_NE(s.message().find("sdn line 2: expected 12 columns, found 3"), std::string::npos)
      << s.message();
  s = ParseOfacText(row, "9999,1,\"aka\",\"X\",-0- \n");
  EXPECT_NE(s.message().find("alt line 1: ent_num '9999' is not in the SDN file"),
            std::string::npos)
      << s.message();
  s = ParseOfacText(row, "2674,1,\"aka\",\"X\"\n");
  EXPECT_NE(s.message().find("alt line 1: expected 5 columns"), std::string::npos);
  std::string bad_dob = row;
  bad_dob.replace(bad_dob.find("10 Dec"), 6, "32 Dec");
  s = ParseOfacText(bad_dob, "");
  EXPECT_NE(s.message().find("sdn line 1: Remarks: DOB: '32 Dec 1948' is not a date"),
            std::string::npos)
      << s.message();
  s = ParseOfacText(row + row, "");
  EXPECT_NE(s.message().find("appears twice"), std::string::npos);
  std::string bad_type = row;
  bad_type.replace(bad_type.find("individual"), 10, "spaceship");
  EXPECT_NE(ParseOfacText(bad_type, "").message().find("unknown SDN_Type"), std::string::npos);
}

Result<std::vector<WatchlistEntry>> ParseNational(const std::string& text) {
  std::istringstream in(text);
  return ParseNationalList(in);
}

const char kHeader[] =
    "list_id,entry_id,kind,full_name,aliases,date_of_birth,nationality,sex,document_type,"
    "document_number,document_country,reason\n";

TEST(NationalListTest, PersonsAndDocuments) {
  auto r = ParseNational(std::string(kHeader) +
                         "# a comment line\n"
                         "NP-WANTED,17,person,Ram Bahadur Thapa,R. B. Thapa;Ram Thapa,1980-03-"
                         "04;~1979,Nepal,M,,,,court warrant 2024/17\n"
                         "NP-LOST,P1,document,,,,,,Passport,09 123 456,NPL,reported stolen\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  const auto& p = (*r)[0];
  EXPECT_EQ(p.kind, EntryKind::kPerson);
  ASSERT_EQ(p.names.size(), 3u);
  EXPECT_EQ(p.names[1].full, "R. B. Thapa");
  EXPECT_EQ(p.names[1].quality, NameQuality::kGood);
  ASSERT_EQ(p.dobs.size(), 2u);
  EXPECT_EQ(p.dobs[1].ToString(), "~1979");
  EXPECT_EQ(p.nationalities, std::vector<std::string>{"NPL"});
  EXPECT_EQ(p.sex, Sex::kMale);
  const auto& d = (*r)[1];
  EXPECT_EQ(d.kind, EntryKind::kDocument);
  ASSERT_EQ(d.documents.size(), 1u);
  EXPECT_EQ(d.documents[0].key, "09123456");
  EXPECT_EQ(d.documents[0].country, "NPL");
}

TEST(NationalListTest, ErrorsNameLineAndField) {
  const std::string h = kHeader;
  struct Case {
    std::string row;
    std::string expect;
  } cases[] = {
      {"L,1,person,A,,1980-02-30,,,,,,\n", "line 2: date_of_birth: '1980-02-30' is not a date"},
      {"L,1,person,A,,1980..1970,,,,,,\n", "line 2: date_of_birth: year range"},
      {"L,1,person,A,,,Atlantis,,,,,\n", "line 2: nationality: unknown country 'Atlantis'"},
      {"L,1,person,A,,,,X,,,,\n", "line 2: sex: 'X' is not M, F or empty"},
      {"L,1,alien,A,,,,,,,,\n", "line 2: kind: 'alien'"},
      {"L,1,person,,,,,,,,,\n", "line 2: full_name: a person entry needs a name"},
      {"L,1,document,,,,,,Passport,,,\n", "line 2: document_number: a document entry needs"},
      {"L,1,person,A,,,,,\n", "line 2: expected 12 columns, found 9"},
      {"L,1,person,A,,,,,,,,\nL,1,person,B,,,,,,,,\n", "line 3: entry_id: '1' appears twice"},
      {"L,1,document,,,,,,P,--,,\n", "line 2: document_number: has no letters or digits"},
  };
  for (const auto& c : cases) {
    auto r = ParseNational(h + c.row);
    ASSERT_FALSE(r.ok()) << c.row;
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos)
        << c.row << " gave " << r.status().message();
  }
  EXPECT_FALSE(ParseNational("").ok());
  EXPECT_FALSE(ParseNational("list_id,entry_id\n").ok());  // kind missing
}

TEST(NationalListTest, TooManyEntriesNamesTheLineOfTheFirstOneOver) {
  ListLimits limits;
  limits.max_entries = 2;
  std::istringstream in(std::string(kHeader) +
                        "L,1,person,A,,,,,,,,\n# note\nL,2,person,B,,,,,,,,\n" +
                        "L,3,person,C,,,,,,,,\n");
  auto r = ParseNationalList(in, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(r.status().message(), "line 5: the list has more than 2 entries");
}

TEST(WatchlistTest, DocumentNumbersAndBirthDates) {
  EXPECT_EQ(NormalizeDocumentNumber(" ab-12 3<<4/5. "), "AB12345");
  EXPECT_EQ(ParseBirthDate("1970-01-01")->ToString(), "1970-01-01");
  EXPECT_EQ(ParseBirthDate("1970")->kind, BirthDate::Kind::kYear);
  EXPECT_TRUE(ParseBirthDate("~1970")->approximate);
  EXPECT_EQ(ParseBirthDate("1968..1970")->to_year, 1970);
  EXPECT_FALSE(ParseBirthDate("70").ok());
  EXPECT_FALSE(ParseBirthDate("~1970-01-01").ok());
  EXPECT_FALSE(ParseBirthDate("1970..").ok());
  EXPECT_EQ(CountryCode("Iran (Islamic Republic of)"), "IRN");
  EXPECT_EQ(CountryCode("Nepal"), "NPL");
  EXPECT_EQ(CountryCode("np"), "NPL");
  EXPECT_EQ(CountryCode("Korea, North"), "PRK");
  EXPECT_EQ(CountryCode("Atlantis"), "");
}

}  // namespace
}  // namespace corridor::screening
