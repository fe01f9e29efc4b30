//! Which column of an HR export holds what.
//!
//! Exports name their columns every way ("Job Title", "Position", "Business
//! Title"; "Manager Email", "Reports To"; "Hire Date"), so each field knows
//! the usual names, compared without case, spaces or punctuation; `--map
//! title="Role Name"` names a column the usual names miss. A roster without
//! a name column may give first and last names instead.

use std::collections::BTreeMap;

use super::RosterError;

/// A field of a roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The person's name.
    Name,
    /// Given name, when there is no name column.
    FirstName,
    /// Family name, when there is no name column.
    LastName,
    /// Work email.
    Email,
    /// Employee number.
    EmployeeId,
    /// Job title.
    Title,
    /// The manager's email or employee number.
    Manager,
    /// Team.
    Team,
    /// Department.
    Department,
    /// Start date in the current role (or hire date).
    StartDate,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 10] = [
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::EmployeeId,
        Field::Title,
        Field::Manager,
        Field::Team,
        Field::Department,
        Field::StartDate,
    ];

    /// The name `--map` uses (`start_date`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::EmployeeId => "employee_id",
            Field::Title => "title",
            Field::Manager => "manager",
            Field::Team => "team",
            Field::Department => "department",
            Field::StartDate => "start_date",
        }
    }

    /// Column names that mean this field, folded (see [`fold`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "name",
                "fullname",
                "employeename",
                "displayname",
                "preferredname",
                "legalname",
            ],
            Field::FirstName => &["firstname", "givenname", "forename", "preferredfirstname"],
            Field::LastName => &["lastname", "surname", "familyname"],
            Field::Email => &[
                "email",
                "workemail",
                "emailaddress",
                "workemailaddress",
                "mail",
                "businessemail",
            ],
            Field::EmployeeId => &[
                "employeeid",
                "employeenumber",
                "employeeno",
                "empid",
                "workerid",
                "id",
                "staffid",
                "personnelnumber",
            ],
            Field::Title => &[
                "title",
                "jobtitle",
                "position",
                "positiontitle",
                "businesstitle",
                "role",
                "jobname",
            ],
            Field::Manager => &[
                "manager",
                "manageremail",
                "managerid",
                "manageremployeeid",
                "reportsto",
                "supervisor",
                "supervisoremail",
                "linemanager",
                "directmanager",
                "manageremailaddress",
            ],
            Field::Team => &["team", "teamname", "squad", "group"],
            Field::Department => &["department", "dept", "division", "orgunit", "costcenter"],
            Field::StartDate => &[
                "startdate",
                "hiredate",
                "dateofjoining",
                "started",
                "start",
                "roledate",
                "instartdate",
                "dateinrole",
                "positionstartdate",
            ],
        }
    }

    /// The field `--map` names.
    pub fn named(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// A header folded for comparison: lower case, letters and digits only, `#`
/// read as "number" ("Work E-mail " → "workemail"; "Employee #" →
/// "employeenumber").
pub fn fold(header: &str) -> String {
    header
        .replace('#', "number")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column names a user gave for fields (`--map title="Role Name"`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderMap(BTreeMap<Field, String>);

impl HeaderMap {
    /// Reads `field=Header` pairs.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = &'a str>) -> Result<HeaderMap, RosterError> {
        let mut out = BTreeMap::new();
        for pair in pairs {
            let (field, header) = pair.split_once('=').ok_or_else(|| RosterError::Map {
                given: pair.to_owned(),
                why: "write it as FIELD=HEADER, e.g. title=\"Job Name\"".to_owned(),
            })?;
            let field = Field::named(field.trim()).ok_or_else(|| RosterError::Map {
                given: pair.to_owned(),
                why: format!(
                    "`{}` is not a field; the fields are {}",
                    field.trim(),
                    Field::ALL.map(Field::as_str).join(", ")
                ),
            })?;
            out.insert(field, header.trim().to_owned());
        }
        Ok(HeaderMap(out))
    }
}

/// Where each field is in a row (a column index), found from the header row;
/// an array by field, since every row asks for every field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns([Option<usize>; Field::ALL.len()]);

impl Columns {
    /// The columns of `headers`: fields named by `map` first, then the usual
    /// names. Refused when a mapped column is missing, when no column holds a
    /// title, or when no column (or pair of columns) holds a name.
    pub fn find(headers: &[&str], map: &HeaderMap) -> Result<Columns, RosterError> {
        let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
        let mut found: BTreeMap<Field, usize> = BTreeMap::new();
        for (field, header) in &map.0 {
            let want = fold(header);
            let at = folded.iter().position(|h| *h == want).ok_or_else(|| {
                RosterError::MissingColumn {
                    field: field.as_str(),
                    looked_for: vec![header.clone()],
                    headers: headers.iter().map(|h| (*h).to_owned()).collect(),
                }
            })?;
            found.insert(*field, at);
        }
        for field in Field::ALL {
            if found.contains_key(&field) {
                continue;
            }
            let taken: Vec<usize> = found.values().copied().collect();
            if let Some(at) = field.aliases().iter().find_map(|a| {
                folded
                    .iter()
                    .enumerate()
                    .position(|(i, h)| h == a && !taken.contains(&i))
            }) {
                found.insert(field, at);
            }
        }
        let mut at = [None; Field::ALL.len()];
        for (field, column) in found {
            at[field as usize] = Some(column);
        }
        let cols = Columns(at);
        let missing = |field: Field| RosterError::MissingColumn {
            field: field.as_str(),
            looked_for: field.aliases().iter().map(|a| (*a).to_owned()).collect(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        };
        if cols.at(Field::Title).is_none() {
            return Err(missing(Field::Title));
        }
        if cols.at(Field::Name).is_none()
            && (cols.at(Field::FirstName).is_none() || cols.at(Field::LastName).is_none())
        {
            return Err(missing(Field::Name));
        }
        Ok(cols)
    }

    /// The column of a field, if the roster has it.
    pub fn at(&self, field: Field) -> Option<usize> {
        self.0[field as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_are_found_whatever_their_spelling() {
        let headers = [
            "Employee #",
            "First Name",
            "Last Name",
            "Work E-mail",
            "Business Title",
            "Reports To",
            "Hire Date",
        ];
        let c = Columns::find(&headers, &HeaderMap::default()).unwrap();
        assert_eq!(c.at(Field::FirstName), Some(1));
        assert_eq!(c.at(Field::Email), Some(3));
        assert_eq!(c.at(Field::Title), Some(4));
        assert_eq!(c.at(Field::Manager), Some(5));
        assert_eq!(c.at(Field::StartDate), Some(6));
        assert_eq!(c.at(Field::Name), None);
    }

    #[test]
    fn a_map_names_other_columns_and_bad_maps_say_why() {
        let map = HeaderMap::parse(["title=Role Name", "name = Person"]).unwrap();
        let c = Columns::find(&["Person", "Role Name", "Boss"], &map).unwrap();
        assert_eq!((c.at(Field::Name), c.at(Field::Title)), (Some(0), Some(1)));
        let e = HeaderMap::parse(["job=Title"]).unwrap_err().to_string();
        assert!(
            e.contains("`job` is not a field") && e.contains("start_date"),
            "{e}"
        );
        let e = Columns::find(&["Name", "Dept"], &HeaderMap::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("title") && e.contains("Name, Dept"), "{e}");
    }
}
