"""The Korean trip most export tests publish: text, photos on days, one unassigned photo."""

from dataclasses import dataclass
from datetime import date

from journal.services import JournalService, TripEdit, TripInfo
from tests.export.conftest import AddPhoto


@dataclass(frozen=True)
class SummitPhotos:
    spheres: int
    schedule: int
    gift: int
    day2: int
    unassigned: int


def write_summit(service: JournalService, trip: TripInfo, add_photo: AddPhoto) -> SummitPhotos:
    photos = SummitPhotos(
        spheres=add_photo(trip, date(2023, 9, 16), caption="Amazon Spheres 내부"),
        schedule=add_photo(trip, date(2023, 9, 16), caption="행사 스케줄", orientation=6),
        gift=add_photo(trip, date(2023, 9, 17), caption="Gift 박스"),
        day2=add_photo(trip, date(2023, 9, 18), caption="둘째 날 현장", color="green"),
        unassigned=add_photo(trip, None, caption="", color="blue"),
    )
    service.set_day_text(
        trip.id,
        date(2023, 9, 16),
        "저는 본 행사 하루 전에 시애틀에 도착해 Amazon Spheres 를 방문하였습니다.\n\n"
        f"![](photo:{photos.spheres})\n\n"
        "호텔에 복귀하여 일정을 검토하였습니다.\n\n<br>\n\n"
        f"참고: 본문에 `![코드](photo:{photos.spheres})` 처럼 쓰면 사진이 아닙니다.\n",
    )
    service.set_day_text(
        trip.id,
        date(2023, 9, 17),
        "드디어 워크숍 첫째 날입니다.\n\n"
        f'![입장하며 받은 선물](photo:{photos.gift} "선물")\n\n'
        "관련 내용은 [Amazon Bedrock](https://aws.amazon.com/ko/bedrock/) 가이드로 대체합니다.  \n"
        "![AWS logo](https://example.com/aws-logo.png)\n\n"
        "- Foundation Model\n- Security Lake\n",
    )
    service.edit_trip(
        trip.id,
        TripEdit(
            closing=service.trip(trip.id).closing + "\n\n지금까지의 여정을 마칩니다.\n\n"
            f"![돌아오는 길](photo:{photos.unassigned})\n"
        ),
    )
    return photos
