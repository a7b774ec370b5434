from rest_framework.routers import SimpleRouter

from sahakar.operations.api.views import OperationViewSet

router = SimpleRouter()
router.register("operations", OperationViewSet)
urlpatterns = router.urls
