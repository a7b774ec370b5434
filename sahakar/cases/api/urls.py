from rest_framework.routers import SimpleRouter

from sahakar.cases.api.views import CaseFileViewSet

router = SimpleRouter()
router.register("cases", CaseFileViewSet)
urlpatterns = router.urls
