"""Bad input gets a clear refusal in the reader's language, never a 500 or a stuck worker."""

import pytest

from django.test import RequestFactory
from django.utils import translation

from portal import errors

pytestmark = pytest.mark.django_db


def test_a_ten_megabyte_form_post_gets_413_in_the_readers_language(client, home):
    response = client.post(
        "/fr/accounts/login/",
        "username=" + "x" * 10_000_000,
        content_type="application/x-www-form-urlencoded",
    )

    html = response.content.decode()
    assert response.status_code == 413
    assert '<html lang="fr" dir="ltr">' in html
    assert "Ce que vous avez envoyé est trop volumineux" in html


def test_thousands_of_query_parameters_get_400_in_the_readers_language(client, home):
    query = "&".join(f"p{number}=1" for number in range(5000))

    response = client.get(f"/ar/search/?{query}")

    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in html
    assert "تعذّرت قراءة هذا الطلب" in html


@pytest.mark.parametrize(
    "url", ["/es/search/?q=a%00b", "/es/certificates/verify/%00/", "/es/%01/", "/es/?x%00=1"]
)
def test_a_control_character_in_the_address_gets_400(client, home, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "No se ha podido leer esta solicitud" in response.content.decode()


@pytest.mark.parametrize(
    ("view", "status", "text"),
    [
        (lambda request: errors.permission_denied(request, None), 403, "Вы не можете открыть"),
        (errors.too_many_requests, 429, "Слишком много попыток"),
        (errors.server_error, 500, "Что-то пошло не так на нашей стороне"),
    ],
)
def test_the_other_error_pages_are_light_and_translated(
    django_assert_max_num_queries, view, status, text
):
    request = RequestFactory().get("/ru/")
    with translation.override("ru"), django_assert_max_num_queries(0):
        response = view(request)

    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="ru" dir="ltr">' in html
    assert text in html
    assert 'href="/ru/"' in html
