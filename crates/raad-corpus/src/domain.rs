//! The policy domains the generator writes about: the ground truth of every generated record.

use std::fmt;

/// A municipal policy domain. Every generated record is written about exactly one, so a
/// generated corpus can score a topic classifier; [`Domain::name`] is the topic name the
/// built-in taxonomy uses for the same domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Domain {
    /// Traffic, cycling, public transport, parking.
    Mobiliteit,
    /// Housing: social housing, rents, vacancy, renovation.
    Wonen,
    /// Schools, childcare, youth work.
    Onderwijs,
    /// Poverty, care, health, elderly, the OCMW.
    WelzijnZorg,
    /// Jobs, activation, shops, markets, social economy.
    WerkEconomie,
    /// Museums, libraries, heritage, festivals, arts.
    Cultuur,
    /// Sports halls, swimming pools, clubs, playgrounds and parks for play.
    SportRecreatie,
    /// Climate plan, energy, waste, air and water, green space.
    MilieuKlimaat,
    /// Police, fire brigade, nuisance, administrative fines.
    Veiligheid,
    /// Budget, taxes, debt, subsidies.
    Financien,
    /// Spatial planning, permits, urban projects, public space design.
    Stadsontwikkeling,
    /// City staff, services to citizens, digitalisation.
    PersoneelOrganisatie,
    /// Diversity, integration, participation, neighbourhood work.
    Samenleven,
}

impl Domain {
    /// Every domain, in declaration order.
    pub const ALL: [Domain; 13] = [
        Domain::Mobiliteit,
        Domain::Wonen,
        Domain::Onderwijs,
        Domain::WelzijnZorg,
        Domain::WerkEconomie,
        Domain::Cultuur,
        Domain::SportRecreatie,
        Domain::MilieuKlimaat,
        Domain::Veiligheid,
        Domain::Financien,
        Domain::Stadsontwikkeling,
        Domain::PersoneelOrganisatie,
        Domain::Samenleven,
    ];

    /// The topic name, as the built-in taxonomy and the `topic` facet write it.
    pub fn name(self) -> &'static str {
        match self {
            Domain::Mobiliteit => "mobiliteit",
            Domain::Wonen => "wonen",
            Domain::Onderwijs => "onderwijs en opvoeding",
            Domain::WelzijnZorg => "welzijn en zorg",
            Domain::WerkEconomie => "werk en economie",
            Domain::Cultuur => "cultuur",
            Domain::SportRecreatie => "sport en recreatie",
            Domain::MilieuKlimaat => "milieu en klimaat",
            Domain::Veiligheid => "veiligheid",
            Domain::Financien => "financiën",
            Domain::Stadsontwikkeling => "stadsontwikkeling",
            Domain::PersoneelOrganisatie => "personeel en organisatie",
            Domain::Samenleven => "samenleven en participatie",
        }
    }

    /// The domain whose [`Domain::name`] is `name`, if any.
    pub fn from_name(name: &str) -> Option<Domain> {
        Domain::ALL.into_iter().find(|domain| domain.name() == name)
    }

    /// How often councillors ask about the domain, relative to the others: mobility and safety
    /// questions fill far more pages of a bulletin than staff questions.
    pub(crate) fn weight(self) -> u32 {
        match self {
            Domain::Mobiliteit => 18,
            Domain::Veiligheid => 11,
            Domain::Wonen => 9,
            Domain::MilieuKlimaat => 9,
            Domain::WelzijnZorg => 8,
            Domain::Onderwijs => 8,
            Domain::Stadsontwikkeling => 7,
            Domain::WerkEconomie => 7,
            Domain::Cultuur => 6,
            Domain::SportRecreatie => 5,
            Domain::Financien => 5,
            Domain::Samenleven => 4,
            Domain::PersoneelOrganisatie => 3,
        }
    }

    /// Domains whose aldermen are often involved (`Betrokken:`) in this domain's questions.
    pub(crate) fn related(self) -> &'static [Domain] {
        match self {
            Domain::Mobiliteit => &[Domain::Stadsontwikkeling, Domain::Veiligheid],
            Domain::Wonen => &[Domain::WelzijnZorg, Domain::Stadsontwikkeling],
            Domain::Onderwijs => &[Domain::WelzijnZorg, Domain::SportRecreatie],
            Domain::WelzijnZorg => &[Domain::Wonen, Domain::Samenleven],
            Domain::WerkEconomie => &[Domain::WelzijnZorg, Domain::Financien],
            Domain::Cultuur => &[Domain::SportRecreatie, Domain::Stadsontwikkeling],
            Domain::SportRecreatie => &[Domain::Onderwijs, Domain::Cultuur],
            Domain::MilieuKlimaat => &[Domain::Mobiliteit, Domain::Stadsontwikkeling],
            Domain::Veiligheid => &[Domain::Mobiliteit, Domain::Samenleven],
            Domain::Financien => &[Domain::PersoneelOrganisatie, Domain::WerkEconomie],
            Domain::Stadsontwikkeling => &[Domain::Wonen, Domain::Mobiliteit],
            Domain::PersoneelOrganisatie => &[Domain::Financien],
            Domain::Samenleven => &[Domain::WelzijnZorg, Domain::Onderwijs],
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for domain in Domain::ALL {
            assert_eq!(Domain::from_name(domain.name()), Some(domain));
        }
        assert_eq!(
            Domain::from_name("werk en economie"),
            Some(Domain::WerkEconomie)
        );
        assert_eq!(Domain::from_name("Werk en economie"), None);
    }

    #[test]
    fn related_domains_are_other_domains() {
        for domain in Domain::ALL {
            assert!(!domain.related().contains(&domain), "{domain}");
        }
    }
}
