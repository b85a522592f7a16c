"""Input and output shapes of the persons registry (the API and any form that posts JSON).

The input schemas check shape and size only; the meaning (Latin letters, known codes,
dates not in the future, MRZ agreement) is checked once, in the services, so that every
caller gets the same messages.
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from umis.people.models import IdentityDocument, Person

NAME = 200


class PersonCreateIn(Schema):
    surname_latin: str = Field(max_length=NAME)
    given_names_latin: str = Field("", max_length=NAME)
    patronymic_latin: str = Field("", max_length=NAME)
    surname_native: str = Field("", max_length=NAME)
    given_names_native: str = Field("", max_length=NAME)
    patronymic_native: str = Field("", max_length=NAME)
    birth_date: str = Field(
        max_length=10, description="YYYY-MM-DD, or YYYY-MM or YYYY when only that is known"
    )
    sex: str = Field(max_length=8, description="M, F or X")
    nationality: str = Field(
        max_length=8, description="ISO 3166-1 alpha-3, or XXA, XXB, XXC, XXX (ICAO 9303)"
    )
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=32)
    place_of_stay_district: int | None = Field(None, description="District id")
    address: str = Field("", max_length=500)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "surname_latin": "Mammadov",
                    "given_names_latin": "Ali",
                    "surname_native": "Мамедов",
                    "given_names_native": "Али",
                    "birth_date": "1985-03-07",
                    "sex": "M",
                    "nationality": "RUS",
                    "place_of_stay_district": 12,
                    "address": "Heydar Aliyev avenue 12, apt. 4, Gusar",
                }
            ]
        }
    }


class PersonUpdateIn(Schema):
    """Only the fields sent are changed."""

    surname_latin: str | None = Field(None, max_length=NAME)
    given_names_latin: str | None = Field(None, max_length=NAME)
    patronymic_latin: str | None = Field(None, max_length=NAME)
    surname_native: str | None = Field(None, max_length=NAME)
    given_names_native: str | None = Field(None, max_length=NAME)
    patronymic_native: str | None = Field(None, max_length=NAME)
    birth_date: str | None = Field(None, max_length=10)
    sex: str | None = Field(None, max_length=8)
    nationality: str | None = Field(None, max_length=8)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=32)
    place_of_stay_district: int | None = None
    address: str | None = Field(None, max_length=500)
    reason: str = Field("", max_length=500, description="Why the change is made (audit log)")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"address": "Nizami street 5, apt. 12, Guba", "reason": "Moved, per the host"}
            ]
        }
    }


class DocumentIn(Schema):
    type: str = Field(
        max_length=32,
        description="passport, stateless_travel_document, refugee_travel_document, "
        "national_id_card or other",
    )
    number: str = Field(max_length=64)
    issuing_state: str = Field(max_length=8)
    issue_date: date | None = None
    expiry_date: date | None = None
    mrz: str = Field("", max_length=200, description="Both lines of a passport MRZ")
    is_primary: bool | None = Field(None, description="Default: primary if it is the first")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "type": "passport",
                    "number": "P12345678",
                    "issuing_state": "IRN",
                    "issue_date": "2022-01-15",
                    "expiry_date": "2032-01-14",
                }
            ]
        }
    }


class DocumentOut(Schema):
    id: int
    type: str
    type_label: str
    number: str
    issuing_state: str
    issue_date: date | None
    expiry_date: date | None
    mrz: str
    is_primary: bool

    @staticmethod
    def resolve_type_label(obj: IdentityDocument) -> str:
        return str(obj.get_type_display())


class PersonOut(Schema):
    id: int
    fin: str | None
    surname_latin: str
    given_names_latin: str
    patronymic_latin: str
    surname_native: str
    given_names_native: str
    patronymic_native: str
    birth_date: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY")
    sex: str
    nationality: str
    place_of_stay_district: int | None
    merged_into: int | None = Field(
        None, description="Set when this file was merged into another: the file to use"
    )

    @staticmethod
    def resolve_birth_date(obj: Person) -> str:
        return obj.birth_date.iso()

    @staticmethod
    def resolve_place_of_stay_district(obj: Person) -> int | None:
        return obj.place_of_stay_district_id

    @staticmethod
    def resolve_merged_into(obj: Person) -> int | None:
        return obj.merged_into_id


class PersonDetailOut(PersonOut):
    birth_date_display: str
    nationality_name: str
    email: str
    phone: str
    address: str
    documents: list[DocumentOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_birth_date_display(obj: Person) -> str:
        return obj.birth_date.display()

    @staticmethod
    def resolve_documents(obj: Person) -> list[IdentityDocument]:
        return list(obj.documents.all())


class FinOut(Schema):
    fin: str
